package org.aerolux.core.raster;

/**
 * Maps positions (pixel positions, or coordinates of a CRS, depending on how it was made) to WGS 84 longitude and
 * latitude in degrees, longitude first as RFC 7946 (GeoJSON) requires. Points that cannot be transformed give NaN.
 * Instances are safe to share between threads. Made by {@link Rasters#pixelToLonLat} or {@link Rasters#crsToLonLat}.
 */
public interface LonLatTransform {
    /** {lon, lat} of one position. */
    double[] apply(double x, double y);

    /** Transforms {@code count} interleaved (x, y) pairs of {@code src} into (lon, lat) pairs of {@code dst}. */
    void apply(double[] src, double[] dst, int count);
}
