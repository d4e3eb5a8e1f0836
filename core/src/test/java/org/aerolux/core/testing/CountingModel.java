package org.aerolux.core.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.aerolux.core.model.DeviceReport;
import org.aerolux.core.model.Model;
import org.aerolux.core.model.ModelCard;
import org.aerolux.core.model.NchwTensor;

/** A decorator around a real model that counts calls and tiles (not a mock: the real model does the work). */
public class CountingModel implements Model {
    protected final Model delegate;
    public final AtomicInteger calls = new AtomicInteger();
    public final AtomicInteger tiles = new AtomicInteger();

    public CountingModel(Model delegate) { this.delegate = delegate; }

    @Override
    public ModelCard card() { return delegate.card(); }

    @Override
    public DeviceReport device() { return delegate.device(); }

    @Override
    public int inputChannels() { return delegate.inputChannels(); }

    @Override
    public int outputChannels() { return delegate.outputChannels(); }

    @Override
    public int fixedTileSize() { return delegate.fixedTileSize(); }

    @Override
    public NchwTensor run(NchwTensor batch) {
        calls.incrementAndGet();
        tiles.addAndGet(batch.n());
        return delegate.run(batch);
    }

    @Override
    public void close() { delegate.close(); }
}
