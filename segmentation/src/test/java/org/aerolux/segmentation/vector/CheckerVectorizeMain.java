package org.aerolux.segmentation.vector;

import java.nio.file.Path;
import java.util.List;
import org.aerolux.core.model.ClassInfo;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.Rasters;

/**
 * Vectorizes a generated N x N label image in bands, never holding the image: 16x16 cells, each with a square
 * ring object (classes 1..3) around a hole, plus a U-shaped object of class 4 along the left, bottom and right
 * edges that spans every band and closes only at the last row. Prints one line: objects, dropped, peak open
 * objects, holes expected, seconds. Run by {@link BoundedMemoryTest} in a small heap; also a manual benchmark:
 * {@code java -Xmx64m -cp ... org.aerolux.segmentation.vector.CheckerVectorizeMain 20000 256 out.geojson}.
 */
public final class CheckerVectorizeMain {
    static final int CELL = 16;

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int band = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        List<ClassInfo> classes = List.of(new ClassInfo("background", "#000000"), new ClassInfo("a", "#ff0000"),
                new ClassInfo("b", "#00ff00"), new ClassInfo("c", "#0000ff"), new ClassInfo("frame", "#ffff00"));
        Georeference g = Georeference.of(Rasters.crs(32633), new Affine(400000, 2, 0, 5600000, 0, -2));
        long t0 = System.nanoTime();
        VectorSummary s;
        try (ObjectVectorizer v = ObjectVectorizer.toGeoJson(out, n, n, g, classes, VectorOptions.defaults())) {
            byte[] rows = new byte[band * n];
            for (int y0 = 0; y0 < n; y0 += band) {
                int h = Math.min(band, n - y0);
                for (int r = 0; r < h; r++) fillRow(rows, r * n, y0 + r, n);
                v.acceptRows(y0, rows, h);
            }
            s = v.finish();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.println("objects=" + s.objects() + " dropped=" + s.droppedObjects() + " peakOpen=" + s.peakOpenObjects()
                + " frame=" + s.objects(4) + " seconds=" + String.format("%.2f", secs)
                + " maxHeapMB=" + Runtime.getRuntime().maxMemory() / (1 << 20));
    }

    /** Objects the image has: one ring per whole cell that does not touch the frame, plus the frame. */
    static long expectedObjects(int n) {
        long cells = (long) (n / CELL) * (n / CELL);
        return cells + 1;
    }

    static void fillRow(byte[] rows, int off, int y, int n) {
        for (int x = 0; x < n; x++) rows[off + x] = (byte) label(x, y, n);
    }

    static int label(int x, int y, int n) {
        if (x == 0 || x == n - 1 || y == n - 1) return 4; // the U: left, right and bottom edges
        int cx = x / CELL, cy = y / CELL;
        if ((cx + 1) * CELL > n || (cy + 1) * CELL > n) return 0; // partial cells stay empty
        int ix = x % CELL, iy = y % CELL;
        boolean ring = ix >= 2 && ix <= 13 && iy >= 2 && iy <= 13;
        boolean hole = ix >= 6 && ix <= 9 && iy >= 6 && iy <= 9;
        return ring && !hole ? 1 + (cx + cy) % 3 : 0;
    }
}
