package org.aerolux.core.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.aerolux.core.model.ForwardingModel;
import org.aerolux.core.model.Model;
import org.aerolux.core.model.NchwTensor;

/** A decorator around a real model that counts calls and tiles (not a mock: the real model does the work). */
public class CountingModel extends ForwardingModel {
    public final AtomicInteger calls = new AtomicInteger();
    public final AtomicInteger tiles = new AtomicInteger();

    public CountingModel(Model delegate) { super(delegate); }

    @Override
    public NchwTensor run(NchwTensor batch) {
        calls.incrementAndGet();
        tiles.addAndGet(batch.n());
        return delegate.run(batch);
    }

    @Override
    public void close() { delegate.close(); }
}
