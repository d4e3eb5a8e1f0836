package org.aerolux.core.model;

/**
 * A loaded model: the seam between the tiled pipeline and an inference engine. Implementations check the
 * model's declared shapes against the card before returning. {@link #run} may be called from one thread at a
 * time.
 */
public interface Model extends AutoCloseable {
    /** The model card. */
    ModelCard card();

    /** The device actually used, and why. */
    DeviceReport device();

    /** Channels of the input tensor (the number of input bands). */
    int inputChannels();

    /** Channels of the output tensor (classes, or image bands). */
    int outputChannels();

    /** The square tile edge the model requires, or 0 when height and width are free (multiples of the card's size multiple). */
    default int fixedTileSize() { return 0; }

    /**
     * Runs a batch of normalised tiles (N x inputChannels x H x W) and returns N x outputChannels x H x W.
     *
     * @throws org.aerolux.core.ModelException when the model fails on this batch or its output has another shape
     */
    NchwTensor run(NchwTensor batch);

    @Override
    void close();
}
