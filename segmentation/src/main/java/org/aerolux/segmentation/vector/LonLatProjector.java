package org.aerolux.segmentation.vector;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.aerolux.core.BadInputException;
import org.aerolux.core.raster.LonLatTransform;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;

/**
 * Puts pixel outlines on the Earth as RFC 7946 wants them: WGS 84 longitude and latitude in degrees (through
 * core's GeoTools reprojection), rounded to a fixed number of decimals, the shell counter-clockwise and holes
 * clockwise, and cut in two at the antimeridian when an object crosses it.
 *
 * <p>Rounding is the same for every ring, so rings that meet at a saddle corner still meet at one point. A straight
 * pixel edge of a projected grid is a slightly curved line in (lon, lat); long edges get intermediate points where
 * they cross every {@value #MAX_SEGMENT}th grid line, so that the chords stay within millimetres of the curve and
 * neighbouring objects share the same points. Grids in a geographic CRS map straight edges to straight lines
 * and are not densified.
 */
final class LonLatProjector {
    private static final int SAMPLES = 64;
    static final int MAX_SEGMENT = 64;

    private final LonLatTransform toLonLat;
    private final GeometryFactory factory = new GeometryFactory();
    private final int decimals;
    private final double scale;
    private final boolean wrapped;
    private final double centreLon;
    private final Path out;
    private final boolean densify;
    private final Envelope extent = new Envelope();

    private LonLatProjector(LonLatTransform toLonLat, int decimals, boolean wrapped, double centreLon, Path out,
                            boolean densify) {
        this.toLonLat = toLonLat;
        this.densify = densify;
        this.decimals = decimals;
        this.scale = Math.pow(10, decimals);
        this.wrapped = wrapped;
        this.centreLon = centreLon;
        this.out = out;
    }

    /**
     * Looks at a grid of sample corners of the image: how small its pixels are in degrees (to raise the decimals so
     * that a pixel spans at least 100 units of the last one), and whether longitudes jump across the antimeridian
     * (then objects are cut there).
     */
    static LonLatProjector create(LonLatTransform toLonLat, int width, int height, int minDecimals, Path out,
                                  boolean geographic) {
        int nx = Math.min(SAMPLES, width), ny = Math.min(SAMPLES, height);
        double[] src = new double[2 * (nx + 1) * (ny + 1) * 3];
        int k = 0;
        for (int j = 0; j <= ny; j++) {
            for (int i = 0; i <= nx; i++) {
                double x = (double) width * i / nx, y = (double) height * j / ny;
                double dx = i == nx ? -1 : 1, dy = j == ny ? -1 : 1;
                src[k++] = x; src[k++] = y;
                src[k++] = x + dx; src[k++] = y;
                src[k++] = x; src[k++] = y + dy;
            }
        }
        double[] ll = new double[src.length];
        toLonLat.apply(src, ll, src.length / 2);
        double minPixelDeg = Double.POSITIVE_INFINITY;
        boolean wrapped = false;
        int stride = 6;
        for (int j = 0; j <= ny; j++) {
            for (int i = 0; i <= nx; i++) {
                int p = ((j * (nx + 1)) + i) * stride;
                double lon = ll[p], lat = ll[p + 1];
                if (Double.isNaN(lon) || Double.isNaN(lat)) continue;
                if (lon < -180 || lon > 180) wrapped = true;
                double sx = Math.hypot(ll[p + 2] - lon, ll[p + 3] - lat);
                double sy = Math.hypot(ll[p + 4] - lon, ll[p + 5] - lat);
                if (sx < 180 && sy < 180) minPixelDeg = Math.min(minPixelDeg, Math.min(sx, sy));
                else wrapped = true;
                if (i > 0) wrapped |= jumps(ll[p - stride], lon);
                if (j > 0) wrapped |= jumps(ll[p - (nx + 1) * stride], lon);
            }
        }
        int decimals = minDecimals;
        if (minPixelDeg > 0 && Double.isFinite(minPixelDeg))
            decimals = Math.max(decimals, (int) Math.ceil(Math.log10(100 / minPixelDeg)));
        decimals = Math.min(decimals, 12);
        double centre = toLonLat.apply(width / 2.0, height / 2.0)[0];
        return new LonLatProjector(toLonLat, decimals, wrapped, Double.isNaN(centre) ? 0 : centre, out, !geographic);
    }

    private static boolean jumps(double a, double b) {
        return !Double.isNaN(a) && Math.abs(a - b) > 180;
    }

    int decimals() { return decimals; }

    /** The object as a Polygon, or a MultiPolygon of its parts when the antimeridian cuts it. */
    Geometry project(PixelObject o) {
        LinearRing shell = ring(o.shell(), true);
        LinearRing[] holes = new LinearRing[o.holes().size()];
        for (int i = 0; i < holes.length; i++) holes[i] = ring(o.holes().get(i), false);
        Polygon p = factory.createPolygon(shell, holes);
        Envelope env = p.getEnvelopeInternal();
        extent.expandToInclude(env);
        if (!wrapped || (env.getMinX() >= -180 && env.getMaxX() <= 180)) return p;
        return cutAtAntimeridian(p);
    }

    /**
     * [west, south, east, north] of everything projected so far (RFC 7946 section 5): across the antimeridian west
     * is greater than east; null before the first object.
     */
    double[] bbox() {
        if (extent.isNull()) return null;
        double west = extent.getMinX(), east = extent.getMaxX();
        if (east - west >= 360) {
            west = -180;
            east = 180;
        } else if (west < -180 || east > 180) {
            west = round(Math.IEEEremainder(west, 360));
            east = round(Math.IEEEremainder(east, 360));
        }
        return new double[] {west, extent.getMinY(), east, extent.getMaxY()};
    }

    private LinearRing ring(int[] corners, boolean shell) {
        int[] xy = densify ? densified(corners) : corners;
        int n = xy.length / 2;
        double[] src = new double[2 * n];
        for (int i = 0; i < 2 * n; i++) src[i] = xy[i];
        double[] ll = new double[2 * n];
        toLonLat.apply(src, ll, n);
        Coordinate[] cs = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            double lon = ll[2 * i], lat = ll[2 * i + 1];
            if (!Double.isFinite(lon) || !Double.isFinite(lat))
                throw new BadInputException(out, "the pixel corner (" + xy[2 * i] + ", " + xy[2 * i + 1]
                        + ") cannot be transformed to WGS 84 longitude/latitude; the grid leaves the area where its CRS is defined");
            if (wrapped) lon = centreLon + Math.IEEEremainder(lon - centreLon, 360);
            cs[i] = new Coordinate(round(lon), round(lat));
        }
        cs[n] = cs[0].copy();
        if (Orientation.isCCW(cs) != shell) reverse(cs);
        return factory.createLinearRing(cs);
    }

    /**
     * The ring with extra points on longer edges where they cross a multiple of {@link #MAX_SEGMENT} pixels (all edges
     * are axis-parallel). Points sit on the same grid lines for every object, so neighbours that share an edge share
     * its extra points too.
     */
    static int[] densified(int[] xy) {
        int n = xy.length / 2;
        int extra = 0;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            extra += crossings(xy[2 * i], xy[2 * j]) + crossings(xy[2 * i + 1], xy[2 * j + 1]);
        }
        if (extra == 0) return xy;
        int[] out = new int[xy.length + 2 * extra];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            int x0 = xy[2 * i], y0 = xy[2 * i + 1], x1 = xy[2 * j], y1 = xy[2 * j + 1];
            out[k++] = x0;
            out[k++] = y0;
            if (x0 != x1) {
                for (int x : gridLines(x0, x1)) { out[k++] = x; out[k++] = y0; }
            } else {
                for (int y : gridLines(y0, y1)) { out[k++] = x0; out[k++] = y; }
            }
        }
        return out;
    }

    /** How many multiples of MAX_SEGMENT lie strictly between a and b. */
    private static int crossings(int a, int b) {
        int lo = Math.min(a, b), hi = Math.max(a, b);
        if (hi - lo < 2) return 0;
        return Math.floorDiv(hi - 1, MAX_SEGMENT) - Math.floorDiv(lo, MAX_SEGMENT);
    }

    /** The multiples of MAX_SEGMENT strictly between a and b, in the order from a to b. */
    private static int[] gridLines(int a, int b) {
        int[] v = new int[crossings(a, b)];
        if (v.length == 0) return v;
        int step = a < b ? MAX_SEGMENT : -MAX_SEGMENT;
        int first = a < b ? (Math.floorDiv(a, MAX_SEGMENT) + 1) * MAX_SEGMENT : Math.floorDiv(a - 1, MAX_SEGMENT) * MAX_SEGMENT;
        for (int i = 0; i < v.length; i++) v[i] = first + i * step;
        return v;
    }

    private Geometry cutAtAntimeridian(Polygon p) {
        List<Polygon> pieces = new ArrayList<>();
        for (int k = -1; k <= 1; k++) {
            double west = -180 + 360 * k;
            Geometry box = factory.toGeometry(new Envelope(west, west + 360, -90, 90));
            Geometry piece = p.intersection(box);
            if (piece.isEmpty()) continue;
            piece = AffineTransformation.translationInstance(-360.0 * k, 0).transform(piece);
            for (int g = 0; g < piece.getNumGeometries(); g++)
                if (piece.getGeometryN(g) instanceof Polygon part && !part.isEmpty()) pieces.add(part);
        }
        // pieces of an object that spans all longitudes meet again along the cut on the other side: join them
        Geometry joined = pieces.size() == 1 ? pieces.get(0) : factory.createMultiPolygon(pieces.toArray(Polygon[]::new)).union();
        List<Polygon> parts = new ArrayList<>();
        for (int g = 0; g < joined.getNumGeometries(); g++)
            if (joined.getGeometryN(g) instanceof Polygon part && !part.isEmpty()) parts.add(roundAndOrient(part));
        return parts.size() == 1 ? parts.get(0) : factory.createMultiPolygon(parts.toArray(Polygon[]::new));
    }

    private Polygon roundAndOrient(Polygon part) {
        LinearRing shell = roundRing(part.getExteriorRing().getCoordinates(), true);
        LinearRing[] holes = new LinearRing[part.getNumInteriorRing()];
        for (int i = 0; i < holes.length; i++) holes[i] = roundRing(part.getInteriorRingN(i).getCoordinates(), false);
        return factory.createPolygon(shell, holes);
    }

    private LinearRing roundRing(Coordinate[] cs, boolean shell) {
        Coordinate[] r = new Coordinate[cs.length];
        for (int i = 0; i < cs.length; i++) r[i] = new Coordinate(round(cs[i].x), round(cs[i].y));
        if (Orientation.isCCW(r) != shell) reverse(r);
        return factory.createLinearRing(r);
    }

    private double round(double v) { return Math.round(v * scale) / scale; }

    private static void reverse(Coordinate[] cs) {
        for (int i = 0, j = cs.length - 1; i < j; i++, j--) {
            Coordinate t = cs[i];
            cs[i] = cs[j];
            cs[j] = t;
        }
    }
}
