package org.aerolux.core.pipeline;

/** Receives a {@link ProgressEvent} per tile, on the thread that runs the pipeline. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = e -> {};

    void onProgress(ProgressEvent event);
}
