package org.aerolux.bench;

import java.util.ArrayList;
import java.util.List;
import org.aerolux.core.model.ForwardingModel;
import org.aerolux.core.model.Model;
import org.aerolux.core.model.NchwTensor;

/** Runs the real model and keeps a copy of every input batch (the "pre-made tiles" of the raw baseline). */
final class CapturingModel extends ForwardingModel {
    final List<NchwTensor> batches = new ArrayList<>();

    CapturingModel(Model delegate) { super(delegate); }

    @Override
    public NchwTensor run(NchwTensor batch) {
        batches.add(new NchwTensor(batch.data().clone(), batch.n(), batch.c(), batch.h(), batch.w()));
        return delegate.run(batch);
    }

}
