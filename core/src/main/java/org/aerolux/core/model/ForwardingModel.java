package org.aerolux.core.model;

/**
 * A model that hands every call to another one: the base of decorators (a softmax on top, counting or capturing
 * calls) that override only what they change. Closing it closes nothing unless a subclass says so.
 */
public abstract class ForwardingModel implements Model {
    protected final Model delegate;

    protected ForwardingModel(Model delegate) { this.delegate = java.util.Objects.requireNonNull(delegate); }

    /** The wrapped model. */
    public Model delegate() { return delegate; }

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
    public NchwTensor run(NchwTensor batch) { return delegate.run(batch); }

    @Override
    public void close() {}
}
