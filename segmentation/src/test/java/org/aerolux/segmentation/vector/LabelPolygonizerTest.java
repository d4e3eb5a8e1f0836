package org.aerolux.segmentation.vector;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.aerolux.segmentation.vector.LabelImages.Image;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;

/**
 * Topology of the traced outlines in pixel coordinates: rings, holes, validity (JTS), and agreement with an
 * independent flood fill, for every band height.
 */
class LabelPolygonizerTest {
    private static final GeometryFactory GF = new GeometryFactory();

    private static List<PixelObject> objects(Image img) {
        List<PixelObject> whole = LabelImages.polygonize(img, img.height());
        for (int band : new int[] {1, 2, 3}) {
            List<PixelObject> banded = LabelImages.polygonize(img, band);
            assertEquals(describe(whole), describe(banded), "bands of " + band + " rows give the same objects");
        }
        for (PixelObject o : whole) {
            Polygon p = o.toPolygon(GF);
            IsValidOp op = new IsValidOp(p);
            assertTrue(op.isValid(), () -> "invalid: " + op.getValidationError() + " in " + p);
            assertEquals(o.pixels(), p.getArea(), 0.0, "polygon area = pixel count");
        }
        return whole;
    }

    private static String describe(List<PixelObject> objects) {
        StringBuilder sb = new StringBuilder();
        for (PixelObject o : objects) {
            sb.append(o.label()).append(':').append(o.pixels()).append(Arrays.toString(o.shell()));
            for (int[] h : o.holes()) sb.append(" hole").append(Arrays.toString(h));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static Set<String> corners(int[] ring) {
        Set<String> s = new HashSet<>();
        for (int i = 0; i < ring.length; i += 2) s.add(ring[i] + "," + ring[i + 1]);
        return s;
    }

    @Test
    void singlePixelIsASquare() {
        List<PixelObject> os = objects(LabelImages.parse(
                "...",
                ".1.",
                "..."));
        assertEquals(1, os.size());
        PixelObject o = os.get(0);
        assertEquals(1, o.pixels());
        assertEquals(Set.of("1,1", "2,1", "2,2", "1,2"), corners(o.shell()));
        assertEquals(4, o.shell().length / 2);
        assertTrue(o.holes().isEmpty());
        assertTrue(RingTracer.signedArea2(o.shell()) > 0, "shell has positive signed area in (x, y)");
    }

    @Test
    void diagonalNeighboursAreSeparateObjects() {
        List<PixelObject> os = objects(LabelImages.parse(
                "1.",
                ".1"));
        assertEquals(2, os.size(), "4-connectivity: a shared corner does not connect");
        for (PixelObject o : os) assertEquals(1, o.pixels());
    }

    @Test
    void staircaseKeepsOnlyItsSteps() {
        List<PixelObject> os = objects(LabelImages.parse(
                "1111",
                "111.",
                "11..",
                "1..."));
        assertEquals(1, os.size());
        assertEquals(10, os.get(0).pixels());
        assertEquals(10, os.get(0).shell().length / 2, "(0,0), (4,0), (0,4) and 7 corners of the steps");
    }

    @Test
    void fullWidthRectangleHasFourCorners() {
        List<PixelObject> os = objects(LabelImages.parse(
                "22222",
                "22222",
                "22222"));
        assertEquals(1, os.size());
        assertEquals(Set.of("0,0", "5,0", "5,3", "0,3"), corners(os.get(0).shell()));
        assertEquals(15, os.get(0).pixels());
    }

    @Test
    void lakeIsAHole() {
        List<PixelObject> os = objects(LabelImages.parse(
                ".....",
                ".111.",
                ".1.1.",
                ".111.",
                "....."));
        assertEquals(1, os.size());
        PixelObject o = os.get(0);
        assertEquals(8, o.pixels());
        assertEquals(1, o.holes().size());
        assertEquals(Set.of("2,2", "3,2", "3,3", "2,3"), corners(o.holes().get(0)));
        assertTrue(RingTracer.signedArea2(o.holes().get(0)) < 0, "holes have negative signed area");
        assertEquals(9, o.toPolygon(GF).getExteriorRing().getEnvelopeInternal().getArea(), 0.0);
    }

    @Test
    void holeTouchingTheShellAtOneCornerIsAValidHole() {
        // the hole at (1,1) meets the outside pixel (2,2) at the corner (2,2)
        List<PixelObject> os = objects(LabelImages.parse(
                "111",
                "1.1",
                "11."));
        assertEquals(1, os.size());
        PixelObject o = os.get(0);
        assertEquals(7, o.pixels());
        assertEquals(1, o.holes().size(), "the pinched-off lake is a hole, not part of a self-touching shell");
        assertTrue(corners(o.shell()).contains("2,2"));
        assertTrue(corners(o.holes().get(0)).contains("2,2"));
        assertEquals(6, o.shell().length / 2);
    }

    @Test
    void holesTouchingEachOtherAtOneCorner() {
        List<PixelObject> os = objects(LabelImages.parse(
                "1111",
                "1.11",
                "11.1",
                "1111"));
        assertEquals(1, os.size());
        assertEquals(14, os.get(0).pixels());
        assertEquals(2, os.get(0).holes().size());
    }

    @Test
    void ringOfDiagonalsAroundAHoleDoesNotConnect() {
        // pixels meeting only at corners around a centre: five separate objects, no holes
        List<PixelObject> os = objects(LabelImages.parse(
                "1.1",
                ".1.",
                "1.1"));
        assertEquals(5, os.size());
        for (PixelObject o : os) assertTrue(o.holes().isEmpty());
    }

    @Test
    void uShapeJoinsWhenItsArmsMeetAtTheBottom() {
        List<PixelObject> os = objects(LabelImages.parse(
                "1...1",
                "1...1",
                "1.1.1",
                "1.1.1",
                "11111"));
        assertEquals(1, os.size(), "arms and the middle prong are one object once the last row joins them");
        assertEquals(15, os.get(0).pixels());
        assertTrue(os.get(0).holes().isEmpty());
    }

    @Test
    void invertedUClosesAHoleOnlyAtTheBottom() {
        List<PixelObject> os = objects(LabelImages.parse(
                "11111",
                "1...1",
                "1.3.1",
                "1...1",
                "11111"));
        assertEquals(2, os.size());
        PixelObject ring = os.stream().filter(o -> o.label() == 1).findFirst().orElseThrow();
        PixelObject island = os.stream().filter(o -> o.label() == 3).findFirst().orElseThrow();
        assertEquals(16, ring.pixels());
        assertEquals(1, ring.holes().size());
        assertEquals(1, island.pixels());
        Polygon ringPoly = ring.toPolygon(GF);
        Polygon islandPoly = island.toPolygon(GF);
        assertFalse(ringPoly.intersects(islandPoly.getInteriorPoint()), "the island sits in the hole, not in the ring");
    }

    @Test
    void nodataIsNeverAnObjectAndCutsHoles() {
        List<PixelObject> os = objects(LabelImages.parse(
                "xxxx",
                "x11x",
                "1x11",
                "1111"));
        assertEquals(1, os.size());
        assertEquals(1, os.get(0).holes().size(), "the nodata pixel inside is a hole");
        assertEquals(9, os.get(0).pixels());
    }

    @Test
    void adjacentClassesShareTheirBoundary() {
        List<PixelObject> os = objects(LabelImages.parse(
                "1122",
                "1122",
                "3333"));
        assertEquals(3, os.size());
        Polygon a = os.get(0).toPolygon(GF), b = os.get(1).toPolygon(GF);
        assertEquals(0.0, a.intersection(b).getArea(), 0.0);
        assertTrue(a.touches(b) || a.intersects(b));
    }

    @Test
    void spiralIsOneObject() {
        int n = 41;
        char[][] g = new char[n][n];
        for (char[] r : g) Arrays.fill(r, '.');
        // a square spiral drawn inwards, one free pixel between its turns
        int x, y;
        int minX = 0, maxX = n - 1, minY = 0, maxY = n - 1;
        while (minX <= maxX && minY <= maxY) {
            // right along minY, down along maxX, left along maxY, up along minX + 2
            for (x = minX; x <= maxX; x++) g[minY][x] = '1';
            for (y = minY + 1; y <= maxY; y++) g[y][maxX] = '1';
            if (maxY > minY) for (x = maxX - 1; x >= minX; x--) g[maxY][x] = '1';
            if (minX < maxX) for (y = maxY - 1; y >= minY + 2; y--) g[y][minX] = '1';
            if (minY + 2 > maxY - 2) break;
            // connect to the next, inner loop
            g[minY + 2][minX + 1] = '1';
            minX += 2; maxX -= 2; minY += 2; maxY -= 2;
            if (minX > maxX) break;
        }
        String[] rows = new String[n];
        for (int i = 0; i < n; i++) rows[i] = new String(g[i]);
        assertEquals("1.1.1.1.1.1.1.1.1.111.1.1.1.1.1.1.1.1.1.1", rows[n / 2], "the middle row crosses every turn");
        Image img = LabelImages.parse(rows);
        int[] count = new int[1];
        LabelImages.floodFill(img, count);
        List<PixelObject> os = objects(img);
        assertEquals(count[0], os.size());
        assertEquals(1, os.size(), "the spiral is one object");
        assertTrue(os.get(0).holes().isEmpty(), "the background between the turns reaches the outside");
        assertTrue(os.get(0).shell().length / 2 > 40, "a spiral has many corners");
    }

    @Test
    void randomImagesAgreeWithFloodFill() {
        Random rnd = new Random(42);
        for (int t = 0; t < 300; t++) {
            int w = 1 + rnd.nextInt(24), h = 1 + rnd.nextInt(24);
            int classes = 1 + rnd.nextInt(3);
            byte[] b = new byte[w * h];
            double pNodata = rnd.nextDouble() * 0.2;
            for (int i = 0; i < b.length; i++) {
                double u = rnd.nextDouble();
                b[i] = (byte) (u < pNodata ? 255 : rnd.nextInt(classes + 1));
            }
            Image img = new Image(w, h, b);
            checkAgainstFloodFill(img);
        }
    }

    @Test
    void emptyAndFullImages() {
        assertEquals(0, objects(LabelImages.parse("...", "xxx")).size());
        List<PixelObject> one = objects(LabelImages.parse("7"));
        assertEquals(1, one.size());
        assertEquals(7, one.get(0).label());
    }

    /** Each object's polygon contains exactly the pixel centres of one flood-fill component. */
    private static void checkAgainstFloodFill(Image img) {
        int[] count = new int[1];
        int[] comp = LabelImages.floodFill(img, count);
        List<PixelObject> os = objects(img);
        assertEquals(count[0], os.size(), "object count");
        Set<Integer> matched = new HashSet<>();
        for (PixelObject o : os) {
            IndexedPointInAreaLocator loc = new IndexedPointInAreaLocator(o.toPolygon(GF));
            int component = -2;
            long inside = 0;
            for (int y = 0; y < img.height(); y++) {
                for (int x = 0; x < img.width(); x++) {
                    if (loc.locate(new Coordinate(x + 0.5, y + 0.5)) != Location.INTERIOR) continue;
                    inside++;
                    int c = comp[y * img.width() + x];
                    assertTrue(c >= 0, "pixel centre inside an object is an object pixel");
                    if (component == -2) component = c;
                    assertEquals(component, c, "one component per polygon");
                    assertEquals(o.label(), img.at(x, y));
                }
            }
            assertEquals(o.pixels(), inside, "the polygon holds exactly the object's pixels");
            assertTrue(matched.add(component), "no two polygons for one component");
        }
    }
}
