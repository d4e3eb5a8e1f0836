package org.aerolux.core.raster;

/**
 * The ground sampling distance (GSD) of a grid, in metres per pixel along its columns ({@code x}: one step to the
 * next column) and its rows ({@code y}: one step to the next row). Rotated and sheared grids are handled: each step
 * is the length of the affine's column vector {@code (pixelWidth, columnRotation)} or row vector
 * {@code (rowRotation, pixelHeight)}.
 * <ul>
 *   <li>projected (or local, planar) CRS: those lengths times the metres per axis unit;</li>
 *   <li>geographic CRS: the metric lengths of the steps at the scene centre on the CRS's ellipsoid, from the
 *       meridional radius {@code M = a(1-e²)/(1-e² sin²φ)^1.5} and the prime-vertical radius
 *       {@code N = a/sqrt(1-e² sin²φ)} (east = N cos φ dλ, north = M dφ; the textbook local-tangent formulas);</li>
 *   <li>no CRS, no transform, or axes that are neither lengths nor angles: unknown ({@link #isKnown()} false), with
 *       the reason in {@link #from()}.</li>
 * </ul>
 *
 * @param x    metres per column step; NaN when unknown
 * @param y    metres per row step; NaN when unknown
 * @param from how the values were found, or why they are unknown
 */
public record GroundResolution(double x, double y, String from) {

    /** Unknown, for this reason. */
    public static GroundResolution unknown(String reason) { return new GroundResolution(Double.NaN, Double.NaN, reason); }

    /** A square GSD given by the user (e.g. {@code --input-resolution}). */
    public static GroundResolution given(double metres, String from) {
        if (!(metres > 0) || !Double.isFinite(metres)) throw new IllegalArgumentException("a ground resolution must be positive: " + metres);
        return new GroundResolution(metres, metres, from);
    }

    /** True when both steps are known positive lengths. */
    public boolean isKnown() { return x > 0 && y > 0 && Double.isFinite(x) && Double.isFinite(y); }

    /** One number for the GSD: the geometric mean of the two steps (the side of a square pixel of the same area). */
    public double mean() { return Math.sqrt(x * y); }

    /** The GSD of a {@code width} x {@code height} grid with this georeference; never throws. */
    public static GroundResolution of(Georeference georef, int width, int height) {
        if (georef.transform().isEmpty()) return unknown("the raster has no grid-to-CRS transform");
        if (georef.crs().isEmpty()) return unknown("the raster has no CRS, so its pixel size has no unit");
        Affine t = georef.transform().get();
        CrsInfo crs = georef.crs().get();
        CrsMeasures m;
        try {
            m = Rasters.measures(crs);
        } catch (IllegalArgumentException e) {
            return unknown("the CRS " + crs.label() + " cannot be measured: " + e.getMessage());
        }
        double colLen = Math.hypot(t.pixelWidth(), t.columnRotation());
        double rowLen = Math.hypot(t.rowRotation(), t.pixelHeight());
        if (!m.geographic()) {
            if (!Double.isFinite(m.metresPerUnit()))
                return unknown("the CRS " + crs.label() + " has axes in " + m.unitName() + ", not a length");
            double k = m.metresPerUnit();
            return new GroundResolution(colLen * k, rowLen * k, "grid of " + crs.label() + " (unit " + m.unitName() + ")");
        }
        if (!Double.isFinite(m.degreesPerUnit()) || !Double.isFinite(m.semiMajorAxis()))
            return unknown("the geographic CRS " + crs.label() + " has axes in " + m.unitName() + ", not an angle");
        double k = m.degreesPerUnit();
        double cx = width / 2.0, cy = height / 2.0;
        double lat = m.latitudeFirst() ? t.x(cx, cy) * k : t.y(cx, cy) * k;
        // (dLon, dLat) in degrees of one column step and one row step
        double lonCol = (m.latitudeFirst() ? t.columnRotation() : t.pixelWidth()) * k;
        double latCol = (m.latitudeFirst() ? t.pixelWidth() : t.columnRotation()) * k;
        double lonRow = (m.latitudeFirst() ? t.pixelHeight() : t.rowRotation()) * k;
        double latRow = (m.latitudeFirst() ? t.rowRotation() : t.pixelHeight()) * k;
        double f = m.flattening(), e2 = f * (2 - f);
        double phi = Math.toRadians(Math.max(-90, Math.min(90, lat)));
        double s = Math.sin(phi), w = 1 - e2 * s * s;
        double n = m.semiMajorAxis() / Math.sqrt(w);
        double mer = m.semiMajorAxis() * (1 - e2) / (w * Math.sqrt(w));
        double east = n * Math.cos(phi) * Math.PI / 180, north = mer * Math.PI / 180;
        double gx = Math.hypot(lonCol * east, latCol * north), gy = Math.hypot(lonRow * east, latRow * north);
        return new GroundResolution(gx, gy, String.format(java.util.Locale.ROOT,
                "geographic grid of %s, metric at the scene centre (latitude %.6f)", crs.label(), lat));
    }
}
