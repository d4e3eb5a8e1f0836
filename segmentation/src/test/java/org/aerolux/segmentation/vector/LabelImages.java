package org.aerolux.segmentation.vector;

import java.util.ArrayList;
import java.util.List;
import org.aerolux.segmentation.area.PixelAreaModel;
import org.aerolux.core.raster.Georeference;

/** Small label images drawn as text, and a polygonizer run over them in bands of a chosen height. */
final class LabelImages {
    private LabelImages() {}

    /** A label image from rows of text: '.' is 0 (background), a digit is that class, 'x' is nodata (255). */
    record Image(int width, int height, byte[] labels) {
        int at(int x, int y) { return labels[y * width + x] & 0xff; }
    }

    static Image parse(String... rows) {
        int w = rows[0].length(), h = rows.length;
        byte[] b = new byte[w * h];
        for (int y = 0; y < h; y++) {
            if (rows[y].length() != w) throw new IllegalArgumentException("ragged row " + y);
            for (int x = 0; x < w; x++) {
                char c = rows[y].charAt(x);
                b[y * w + x] = (byte) (c == '.' ? 0 : c == 'x' ? 255 : c - '0');
            }
        }
        return new Image(w, h, b);
    }

    /** Labels 1..254 form objects; 0 and 255 do not. */
    static boolean[] objectLabels() {
        boolean[] f = new boolean[256];
        for (int i = 1; i < 255; i++) f[i] = true;
        return f;
    }

    /** Every object of the image, fed in bands of {@code band} rows, in the order they complete. */
    static List<PixelObject> polygonize(Image img, int band) {
        List<PixelObject> out = new ArrayList<>();
        LabelPolygonizer p = new LabelPolygonizer(img.width(), img.height(), objectLabels(), 1,
                PixelAreaModel.of(Georeference.NONE), out::add);
        for (int y = 0; y < img.height(); y += band) {
            int rows = Math.min(band, img.height() - y);
            byte[] chunk = new byte[rows * img.width()];
            System.arraycopy(img.labels(), y * img.width(), chunk, 0, chunk.length);
            p.acceptRows(y, chunk, rows);
        }
        p.finish();
        return out;
    }

    /** Reference 4-connected components by flood fill: component id per pixel (-1 for non-objects), and the count. */
    static int[] floodFill(Image img, int[] countOut) {
        int w = img.width(), h = img.height();
        int[] comp = new int[w * h];
        java.util.Arrays.fill(comp, -1);
        int next = 0;
        int[] stack = new int[w * h];
        for (int p = 0; p < w * h; p++) {
            int v = img.labels()[p] & 0xff;
            if (comp[p] >= 0 || v == 0 || v == 255) continue;
            int sp = 0;
            stack[sp++] = p;
            comp[p] = next;
            while (sp > 0) {
                int q = stack[--sp];
                int x = q % w, y = q / w;
                int[] nb = {x > 0 ? q - 1 : -1, x < w - 1 ? q + 1 : -1, y > 0 ? q - w : -1, y < h - 1 ? q + w : -1};
                for (int r : nb) {
                    if (r >= 0 && comp[r] < 0 && (img.labels()[r] & 0xff) == v) {
                        comp[r] = next;
                        stack[sp++] = r;
                    }
                }
            }
            next++;
        }
        countOut[0] = next;
        return comp;
    }
}
