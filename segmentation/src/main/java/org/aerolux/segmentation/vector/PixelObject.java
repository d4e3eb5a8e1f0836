package org.aerolux.segmentation.vector;

import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * One connected object of a label image, outlined in pixel-corner coordinates: (0, 0) is the outer corner of the
 * first pixel, x to the right, y down. Rings hold interleaved (x, y) corners without repeating the first; only
 * corners where the outline turns are kept.
 *
 * @param label    the label value (class index)
 * @param pixels   number of pixels
 * @param areaM2   ground area in m², the sum of the pixels' areas (NaN when unknown)
 * @param shell    the outer ring; positive signed area in the (x, y) plane, i.e. clockwise as seen on screen
 * @param holes    the holes, negative signed area
 * @param firstRow the first row the object touches
 * @param lastRow  the last row the object touches
 */
public record PixelObject(int label, long pixels, double areaM2, int[] shell, List<int[]> holes, int firstRow,
                          int lastRow) {

    public PixelObject {
        holes = List.copyOf(holes);
    }

    /** Number of corners of all rings. */
    public int cornerCount() {
        int n = shell.length / 2;
        for (int[] h : holes) n += h.length / 2;
        return n;
    }

    /** The outline as a JTS polygon in pixel-corner coordinates, rings closed. */
    public Polygon toPolygon(GeometryFactory factory) {
        LinearRing[] hs = new LinearRing[holes.size()];
        for (int i = 0; i < hs.length; i++) hs[i] = ring(factory, holes.get(i));
        return factory.createPolygon(ring(factory, shell), hs);
    }

    private static LinearRing ring(GeometryFactory factory, int[] xy) {
        int n = xy.length / 2;
        Coordinate[] cs = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) cs[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
        cs[n] = cs[0].copy();
        return factory.createLinearRing(cs);
    }
}
