package org.aerolux.core.tile;

/**
 * A tile's blending weights along one axis.
 *
 * @param start        image coordinate of {@code weights[0]} (the window start)
 * @param weights      one weight in [0, 1] per window pixel
 * @param supportStart first image pixel with a positive weight (inside the image)
 * @param supportEnd   one past the last
 */
public record AxisWeights(long start, double[] weights, long supportStart, long supportEnd) {
    /** Weight at image coordinate {@code p} (0 outside the window). */
    public double at(long p) {
        long i = p - start;
        return i < 0 || i >= weights.length ? 0 : weights[(int) i];
    }
}
