package org.aerolux.segmentation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.GeoTiffSink;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.Rasters;
import org.aerolux.core.testing.TestImages;

/**
 * A synthetic aerial scene described by shapes in metres (fields, a road with markings, buildings with shadows,
 * vehicles, trees, pools; the classes and colours of the farseg-demo training scenes, {@code models/aerolux_models/
 * scenes.py}), so that it can be rendered at any ground resolution: each pixel is the mean colour of 5 x 5 point
 * samples of the scene over its footprint (a true rendering at that GSD, not a resize of another), and its label is
 * the class at its centre. Seeded: the same seed gives the same shapes.
 */
final class VectorScene {
    static final int BACKGROUND = 0, BUILDING = 1, VEHICLE = 2, TREE = 3, POOL = 4;
    private static final int SUB = 5;

    private record Shape(int cls, double cx, double cy, double halfL, double halfW, double angle, boolean round, int[] rgb, double shade) {
        boolean contains(double x, double y) {
            double dx = x - cx, dy = y - cy;
            if (round) return dx * dx + dy * dy <= halfL * halfL;
            double c = Math.cos(angle), s = Math.sin(angle);
            double u = dx * c + dy * s, v = -dx * s + dy * c;
            return Math.abs(u) <= halfL && Math.abs(v) <= halfW;
        }
    }

    final double sizeM;
    private final List<Shape> shapes = new ArrayList<>(); // painted in order, later on top
    private final double roadY0, roadY1;

    VectorScene(long seed, double sizeM) {
        this.sizeM = sizeM;
        Random r = new Random(seed);
        roadY0 = sizeM * (0.45 + 0.1 * r.nextDouble());
        roadY1 = roadY0 + 7;
        int[][] roofs = {{170, 90, 60}, {140, 140, 145}, {110, 70, 60}, {190, 185, 175}, {120, 60, 50}};
        int[][] cars = {{235, 235, 235}, {30, 30, 35}, {170, 170, 175}, {150, 30, 30}, {35, 60, 140}};
        for (int i = 0; i < 9; i++) { // buildings, away from the road, each with a shadow first
            double cx = 12 + r.nextDouble() * (sizeM - 24), cy;
            do cy = 12 + r.nextDouble() * (sizeM - 24); while (cy > roadY0 - 10 && cy < roadY1 + 10);
            double l = 5 + 4 * r.nextDouble(), w = 3.5 + 2.5 * r.nextDouble(), a = r.nextDouble() * Math.PI;
            shapes.add(new Shape(BACKGROUND, cx + 1.6, cy + 1.6, l, w, a, false, null, 0.5));
            shapes.add(new Shape(BUILDING, cx, cy, l, w, a, false, roofs[r.nextInt(roofs.length)], 1));
        }
        for (int i = 0; i < 14; i++) { // trees with shadows
            double cx = 5 + r.nextDouble() * (sizeM - 10), cy;
            do cy = 5 + r.nextDouble() * (sizeM - 10); while (cy > roadY0 - 4 && cy < roadY1 + 4);
            double rad = 1.8 + 1.7 * r.nextDouble();
            shapes.add(new Shape(BACKGROUND, cx + 1.2, cy + 1.2, rad, rad, 0, true, null, 0.6));
            shapes.add(new Shape(TREE, cx, cy, rad, rad, 0, true, new int[] {50, 85, 40}, 1));
        }
        for (int i = 0; i < 4; i++) { // pools with a deck
            double cx = 10 + r.nextDouble() * (sizeM - 20), cy;
            do cy = 10 + r.nextDouble() * (sizeM - 20); while (cy > roadY0 - 8 && cy < roadY1 + 8);
            double a = r.nextDouble() * Math.PI;
            shapes.add(new Shape(BACKGROUND, cx, cy, 4.6, 3.0, a, false, new int[] {205, 200, 190}, 1));
            shapes.add(new Shape(POOL, cx, cy, 3.6, 2.0, a, false, new int[] {40, 175, 200}, 1));
        }
        for (int i = 0; i < 10; i++) { // vehicles on the road, in both lanes
            double cx = 4 + r.nextDouble() * (sizeM - 8);
            double cy = (i % 2 == 0 ? roadY0 + 1.8 : roadY1 - 1.8);
            shapes.add(new Shape(VEHICLE, cx, cy, 2.25, 0.95, 0.03 * (r.nextDouble() - 0.5), false, cars[r.nextInt(cars.length)], 1));
        }
    }

    /** Colour (0..255, 3 values) and class at scene point (x east, y south from the top-left corner), metres. */
    int sample(double x, double y, double[] rgb) {
        // ground: grass and bare soil fields with smooth variation and crop rows
        boolean soil = x + 0.3 * y > sizeM * 0.8;
        double v = 1 + 0.08 * Math.sin(x / 7.3) * Math.cos(y / 9.1) + 0.04 * Math.sin((x + 2 * y) / 2.1);
        if (soil) set(rgb, 150 * v, 120 * v, 90 * v);
        else set(rgb, 85 * v, 120 * v, 60 * v);
        if (y >= roadY0 && y < roadY1) {
            set(rgb, 95, 95, 98);
            double mid = (roadY0 + roadY1) / 2;
            if (Math.abs(y - mid) < 0.12 && (x % 9) < 4.5) set(rgb, 225, 225, 215);
        }
        int cls = BACKGROUND;
        for (Shape s : shapes) {
            if (!s.contains(x, y)) continue;
            if (s.rgb == null) { // shadow
                for (int i = 0; i < 3; i++) rgb[i] *= s.shade;
                continue;
            }
            double edge = 1;
            if (s.cls == TREE) { // darker towards the crown's rim
                double d = Math.hypot(x - s.cx, y - s.cy) / s.halfL;
                edge = 1.15 - 0.35 * d * d;
            }
            set(rgb, s.rgb[0] * edge, s.rgb[1] * edge, s.rgb[2] * edge);
            cls = s.cls;
        }
        return cls;
    }

    private static void set(double[] rgb, double r, double g, double b) {
        rgb[0] = r;
        rgb[1] = g;
        rgb[2] = b;
    }

    /** The scene at {@code gsd} metres per pixel: RGB uint8 [3][n * n] and labels [n * n]. */
    Rendering render(double gsd) {
        int n = (int) Math.round(sizeM / gsd);
        float[][] rgb = new float[3][n * n];
        byte[] labels = new byte[n * n];
        double[] c = new double[3];
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++) {
                double r = 0, g = 0, b = 0;
                for (int j = 0; j < SUB; j++)
                    for (int i = 0; i < SUB; i++) {
                        sample((x + (i + 0.5) / SUB) * gsd, (y + (j + 0.5) / SUB) * gsd, c);
                        r += c[0];
                        g += c[1];
                        b += c[2];
                    }
                int k = y * n + x;
                rgb[0][k] = clamp(r / (SUB * SUB));
                rgb[1][k] = clamp(g / (SUB * SUB));
                rgb[2][k] = clamp(b / (SUB * SUB));
                labels[k] = (byte) sample((x + 0.5) * gsd, (y + 0.5) * gsd, c);
            }
        return new Rendering(n, gsd, rgb, labels);
    }

    private static float clamp(double v) { return (float) Math.max(0, Math.min(255, Math.rint(v))); }

    /** A rendering: {@code n x n} pixels at {@code gsd}. */
    record Rendering(int n, double gsd, float[][] rgb, byte[] labels) {
        /** Writes the RGB image as a GeoTIFF with this georeference (e.g. {@link #utm}). */
        Path write(Path file, Georeference g) {
            try (GeoTiffSink s = GeoTiffSink.builder(file, n, n, 3, DataType.UINT8).georeference(g).build()) {
                TestImages.stream(s, n, n, 3, 64, (x, y, b) -> rgb[b][y * n + x]);
                s.commit();
            }
            return file;
        }

        /** North-up WGS 84 / UTM 33N at this GSD. */
        Georeference utm() { return Georeference.of(Rasters.crs(32633), new Affine(500000, gsd, 0, 5000000, 0, -gsd)); }
    }
}
