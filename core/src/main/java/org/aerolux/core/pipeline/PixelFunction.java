package org.aerolux.core.pipeline;

/** Computes output values of one pixel from its channel values (e.g. softmax, argmax, entropy). */
@FunctionalInterface
public interface PixelFunction {
    /** Reads {@code in} (one value per input channel) and fills {@code out} (one per output channel). */
    void apply(float[] in, float[] out);
}
