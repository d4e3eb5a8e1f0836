package org.aerolux.core.resample;

/**
 * An input grid and the model grid laid over the same extent: model pixel {@code j} along an axis covers input
 * coordinates {@code [j s, (j + 1) s)}, with {@code s = input length / model length} input pixels per model pixel
 * (so both grids have the same corners, exactly).
 *
 * @param inputWidth  input columns
 * @param inputHeight input rows
 * @param modelWidth  model-grid columns
 * @param modelHeight model-grid rows
 */
public record ResampleGrid(int inputWidth, int inputHeight, int modelWidth, int modelHeight) {
    public ResampleGrid {
        if (inputWidth < 1 || inputHeight < 1 || modelWidth < 1 || modelHeight < 1)
            throw new IllegalArgumentException("grid sizes must be positive");
    }

    /**
     * The model grid for factors {@code fx = input GSD x / model GSD} (and {@code fy}): each side is the input side
     * times its factor, rounded, at least 1 pixel.
     *
     * @throws IllegalArgumentException when a factor is not positive or the model grid would exceed 2^31 - 1 per side
     */
    public static ResampleGrid of(int inputWidth, int inputHeight, double fx, double fy) {
        if (!(fx > 0) || !(fy > 0) || !Double.isFinite(fx) || !Double.isFinite(fy))
            throw new IllegalArgumentException("resampling factors must be positive, got " + fx + ", " + fy);
        double w = Math.rint(inputWidth * fx), h = Math.rint(inputHeight * fy);
        if (w > Integer.MAX_VALUE - 8 || h > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException("the model grid would be " + (long) w + " x " + (long) h + " pixels");
        return new ResampleGrid(inputWidth, inputHeight, (int) Math.max(1, w), (int) Math.max(1, h));
    }

    /** Input pixels per model pixel along x. */
    public double scaleX() { return (double) inputWidth / modelWidth; }

    /** Input pixels per model pixel along y. */
    public double scaleY() { return (double) inputHeight / modelHeight; }

    /** True when both grids are the same. */
    public boolean isIdentity() { return inputWidth == modelWidth && inputHeight == modelHeight; }
}
