package org.aerolux.segmentation.vector;

/**
 * How labels become objects. Start from {@link #defaults()} and change what you need:
 * {@code VectorOptions.defaults().withMinPixels(4).withKeepBackground(true)}.
 *
 * <p>Connectivity is always 4 (pixels sharing a side): pixels of one class that touch only at a corner are separate
 * objects. That is what makes one valid polygon per object possible; with 8-connectivity such an object would be
 * two areas meeting at a point, which a single simple-features polygon cannot be. It is also GDAL's default.
 *
 * @param keepBackground     make objects of class 0 (the background) too; by default it is skipped
 * @param minPixels          objects with fewer pixels are left out (1 keeps all); their pixels are not given to
 *                           neighbours, so a dropped object inside another leaves a hole
 * @param coordinateDecimals decimals of the written longitudes and latitudes: 9 (about 0.1 mm) by default; raised
 *                           automatically when a pixel is smaller than 100 units of the last decimal
 */
public record VectorOptions(boolean keepBackground, int minPixels, int coordinateDecimals) {
    /** Pixels that share a side are connected; the only connectivity offered (see above). */
    public static final int CONNECTIVITY = 4;

    public VectorOptions {
        if (minPixels < 1) throw new IllegalArgumentException("minimum object size must be at least 1 pixel, got " + minPixels);
        if (coordinateDecimals < 5 || coordinateDecimals > 12)
            throw new IllegalArgumentException("coordinate decimals must be 5..12, got " + coordinateDecimals);
    }

    /** Skip the background (class 0), keep every object of 1 pixel or more, 9 decimals. */
    public static VectorOptions defaults() { return new VectorOptions(false, 1, 9); }

    public VectorOptions withKeepBackground(boolean keep) { return new VectorOptions(keep, minPixels, coordinateDecimals); }

    public VectorOptions withMinPixels(int n) { return new VectorOptions(keepBackground, n, coordinateDecimals); }

    public VectorOptions withCoordinateDecimals(int d) { return new VectorOptions(keepBackground, minPixels, d); }
}
