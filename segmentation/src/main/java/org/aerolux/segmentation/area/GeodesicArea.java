package org.aerolux.segmentation.area;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * Geodesic areas of longitude/latitude polygons on an ellipsoid (WGS 84 unless given), by GeographicLib's
 * {@link PolygonArea}: edges are geodesics, the result is exact to round-off (Karney 2013, "Algorithms for
 * geodesics").
 */
public final class GeodesicArea {
    private GeodesicArea() {}

    /** Area in m² of a ring of {@code count} (lon, lat) pairs in degrees, interleaved; closed or not, any winding. */
    public static double ofRing(double[] lonLat, int count) {
        return ofRing(Geodesic.WGS84, lonLat, count);
    }

    /** Same, on the ellipsoid of {@code geodesic}. */
    public static double ofRing(Geodesic geodesic, double[] lonLat, int count) {
        if (count > 1 && lonLat[0] == lonLat[2 * count - 2] && lonLat[1] == lonLat[2 * count - 1]) count--;
        PolygonArea p = new PolygonArea(geodesic, false);
        for (int i = 0; i < count; i++) p.AddPoint(lonLat[2 * i + 1], lonLat[2 * i]);
        return Math.abs(p.Compute(false, true).area);
    }

    /** Area in m² of a WGS 84 (lon, lat) polygon: its shell minus its holes. */
    public static double of(Polygon lonLat) {
        double a = ofRing(lonLat.getExteriorRing());
        for (int i = 0; i < lonLat.getNumInteriorRing(); i++) a -= ofRing(lonLat.getInteriorRingN(i));
        return a;
    }

    private static double ofRing(LineString ring) {
        Coordinate[] cs = ring.getCoordinates();
        double[] ll = new double[2 * cs.length];
        for (int i = 0; i < cs.length; i++) {
            ll[2 * i] = cs[i].x;
            ll[2 * i + 1] = cs[i].y;
        }
        return ofRing(ll, cs.length);
    }
}
