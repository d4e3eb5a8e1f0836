package org.aerolux.core.pipeline;

import java.util.concurrent.atomic.AtomicBoolean;

/** A cooperative cancel flag: any thread may {@link #cancel()}; the pipeline checks it between batches. */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() { cancelled.set(true); }

    public boolean isCancelled() { return cancelled.get(); }
}
