package org.aerolux.spark;

import java.nio.file.Files;
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

/** Small generated scenes for the Spark tests: 3-band uint8 GeoTIFFs in UTM 33N (0.3 m pixels), written by core's GeoTiffSink. */
final class Scenes {
    private Scenes() {}

    /** Writes {@code n} scenes scene1.tif ... sceneN.tif of {@code w x h} pixels, each with its own seed, origin and content. */
    static List<Path> write(Path dir, int n, int w, int h) throws Exception {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Random r = new Random(1000 + i);
            int[][] boxes = new int[4][];
            for (int k = 0; k < boxes.length; k++) {
                int bx = r.nextInt(w - 20), by = r.nextInt(h - 20);
                boxes[k] = new int[] {bx, by, bx + 10 + r.nextInt(30), by + 10 + r.nextInt(30), 120 + r.nextInt(130)};
            }
            long seed = r.nextLong();
            Path f = dir.resolve("scene" + i + ".tif");
            Affine at = new Affine(500000 + 1000 * i, 0.3, 0, 4100000 - 500 * i, 0, -0.3);
            try (GeoTiffSink s = GeoTiffSink.builder(f, w, h, 3, DataType.UINT8).georeference(Georeference.of(Rasters.crs(32633), at)).build()) {
                TestImages.stream(s, w, h, 3, 16, (x, y, b) -> value(boxes, seed, x, y, b));
                s.commit();
            }
            files.add(f);
        }
        return files;
    }

    /** Grass-like texture with bright roofs. */
    private static double value(int[][] boxes, long seed, int x, int y, int b) {
        for (int[] bx : boxes)
            if (x >= bx[0] && x < bx[2] && y >= bx[1] && y < bx[3]) return Math.min(255, bx[4] + 10 * b);
        long hsh = (x * 73856093L) ^ (y * 19349663L) ^ (b * 83492791L) ^ seed;
        int noise = (int) ((hsh >>> 7) & 31);
        return new int[] {60, 110, 50}[b] + noise;
    }
}
