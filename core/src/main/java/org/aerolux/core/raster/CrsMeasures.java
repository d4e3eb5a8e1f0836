package org.aerolux.core.raster;

/**
 * The measuring facts of a CRS that area computations need, as plain numbers: the unit of its axes and its
 * ellipsoid. Made by {@link Rasters#measures(CrsInfo)}.
 *
 * @param geographic        true for a geographic CRS (angles), false for a projected or other planar one
 * @param unitName          the axis unit as GeoTools names it, e.g. {@code m}, {@code ft_survey_us}, {@code deg}
 * @param metresPerUnit     length of one axis unit in metres; NaN when the axes are not lengths (geographic)
 * @param degreesPerUnit    size of one axis unit in degrees; NaN when the axes are not angles (projected)
 * @param latitudeFirst     true when the first axis (grid x) is latitude; GeoTIFF model space is longitude first
 * @param semiMajorAxis     semi-major axis of the ellipsoid in metres; NaN for a local (engineering) CRS
 * @param inverseFlattening 1/f of the ellipsoid; infinite for a sphere; NaN for a local (engineering) CRS
 */
public record CrsMeasures(boolean geographic, String unitName, double metresPerUnit, double degreesPerUnit,
                          boolean latitudeFirst, double semiMajorAxis, double inverseFlattening) {

    /** The flattening f (0 for a sphere). */
    public double flattening() {
        return Double.isInfinite(inverseFlattening) || inverseFlattening == 0 ? 0 : 1 / inverseFlattening;
    }
}
