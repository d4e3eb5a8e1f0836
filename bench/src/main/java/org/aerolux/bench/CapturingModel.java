package org.aerolux.bench;

import java.util.ArrayList;
import java.util.List;
import org.aerolux.core.model.DeviceReport;
import org.aerolux.core.model.Model;
import org.aerolux.core.model.ModelCard;
import org.aerolux.core.model.NchwTensor;

/** Runs the real model and keeps a copy of every input batch (the "pre-made tiles" of the raw baseline). */
final class CapturingModel implements Model {
    private final Model delegate;
    final List<NchwTensor> batches = new ArrayList<>();

    CapturingModel(Model delegate) { this.delegate = delegate; }

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
        batches.add(new NchwTensor(batch.data().clone(), batch.n(), batch.c(), batch.h(), batch.w()));
        return delegate.run(batch);
    }

    @Override
    public void close() {}
}
