package org.aerolux.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NaclPenaltyTest {

    /*
     * 3 x 3 labels, 2 classes, k = 3, padding = class 0:
     *   1 1 0
     *   1 0 0
     *   0 0 0
     * count of class 1 in each 3x3 window (padding is never class 1):
     *   3 3 1
     *   3 3 1
     *   1 1 0
     * e.g. corner (0,0): in-image cells (0,0),(0,1),(1,0),(1,1) = 1,1,1,0 -> 3; 5 padded cells count as class 0.
     * tau1 = count / 9, tau0 = 1 - tau1. Logits z0 = 0.75, z1 = 0.25 everywhere.
     * sum |tau1 - .25| = 4 (1/3 - 1/4) + 4 (1/4 - 1/9) + 1/4 = 1/3 + 5/9 + 1/4 = 41/36; class 0 is symmetric.
     * L1 = (2 * 41/36) / (2 classes * 9 pixels) = 41/324
     * sum (tau1 - .25)^2 = 4/144 + 4 * 25/1296 + 1/16 = 217/1296; L2 = 2 * 217/1296 / 18 = 434/23328
     */
    @Test
    void handComputedThreeByThree() {
        int[] labels = {1, 1, 0, 1, 0, 0, 0, 0, 0};
        float[] z = new float[18];
        for (int i = 0; i < 9; i++) { z[i] = 0.75f; z[9 + i] = 0.25f; }
        NaclPenalty p = NaclPenalty.compute(z, labels, 2, 3, 3);
        assertEquals(41.0 / 324, p.l1(), 1e-12);
        assertEquals(434.0 / 23328, p.l2(), 1e-12);
        assertEquals(9, p.pixels());
    }

    @Test
    void paddedPixelsCountAsClassZero() {
        // 1 x 1 image, label 1, z = 0: the window holds the pixel (class 1) and 8 padded cells (class 0):
        // tau = (8/9, 1/9) -> L1 = (8/9 + 1/9) / 2 = 0.5. (Were padding "no class", tau = (0, 1/9) -> 1/18.)
        NaclPenalty p = NaclPenalty.compute(new float[]{0f, 0f}, new int[]{1}, 2, 1, 1);
        assertEquals(0.5, p.l1(), 1e-15);
    }

    @Test
    void ignoredNeighboursCountForNoClassAndAreNoCentre() {
        // 1 x 3 labels [1, 255, 1], z = 0. Centres 0 and 2 only. At (0,0): padded cells = rows -1 and 1 (6)
        // + column -1 of row 0 (1) = 7 -> class 0; (0,0) is class 1; (0,1) is ignored -> no class.
        // tau = (7/9, 1/9) -> sum over classes 8/9, same at (0,2). L1 = (16/9) / (2 classes * 2 pixels) = 4/9
        NaclPenalty p = NaclPenalty.compute(new float[6], new int[]{1, 255, 1}, null, 2, 1, 3, 3, 255);
        assertEquals(4.0 / 9, p.l1(), 1e-15);
        assertEquals(2, p.pixels());
    }

    @Test
    void streamingRowBandsEqualsWholeImageAndABruteForceReference() {
        int c = 4, h = 23, w = 17, k = 3;
        SplittableRandom r = new SplittableRandom(3);
        float[] z = new float[c * h * w];
        int[] y = new int[h * w];
        boolean[] valid = new boolean[h * w];
        for (int i = 0; i < z.length; i++) z[i] = (float) (r.nextDouble() * 6 - 3);
        for (int i = 0; i < y.length; i++) { y[i] = r.nextInt(15) == 0 ? 255 : r.nextInt(c); valid[i] = r.nextInt(20) != 0; }
        NaclPenalty whole = NaclPenalty.compute(z, y, valid, c, h, w, k, 255);
        double[] ref = bruteForce(z, y, valid, c, h, w, k);
        assertEquals(ref[0], whole.l1(), 1e-12);
        assertEquals(ref[1], whole.l2(), 1e-12);
        for (int[] bands : new int[][]{{1, 1, 1, 20}, {5, 5, 5, 5, 3}, {22, 1}, {2, 21}}) {
            NaclPenaltyAccumulator acc = new NaclPenaltyAccumulator(w, c, k, 255);
            int row = 0;
            for (int rows : bands) {
                acc.accept(band(z, c, h, w, row, rows), java.util.Arrays.copyOfRange(y, row * w, (row + rows) * w),
                        java.util.Arrays.copyOfRange(valid, row * w, (row + rows) * w), rows);
                row += rows;
            }
            NaclPenalty streamed = acc.finish();
            assertEquals(whole.l1(), streamed.l1(), 0, "bands " + java.util.Arrays.toString(bands));
            assertEquals(whole.l2(), streamed.l2(), 0);
            assertEquals(whole.pixels(), streamed.pixels());
        }
        // a 5 x 5 window too
        assertEquals(bruteForce(z, y, valid, c, h, w, 5)[0], NaclPenalty.compute(z, y, valid, c, h, w, 5, 255).l1(), 1e-12);
    }

    @Test
    void badLabelsAndEvenKernelsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new NaclPenaltyAccumulator(4, 2, 2, 255));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NaclPenalty.compute(new float[4], new int[]{0, 3}, 2, 1, 2));
        assertTrue(e.getMessage().contains("label 3"), e.getMessage());
    }

    /** Class-major rows [row, row + rows) of a (C, H, W) array. */
    private static float[] band(float[] z, int c, int h, int w, int row, int rows) {
        float[] out = new float[c * rows * w];
        for (int k = 0; k < c; k++) System.arraycopy(z, (k * h + row) * w, out, k * rows * w, rows * w);
        return out;
    }

    /** Direct definition: label at (r, x) with padding = class 0, invalid / ignored = no class. */
    private static double[] bruteForce(float[] z, int[] y, boolean[] valid, int c, int h, int w, int k) {
        int half = k / 2;
        double l1 = 0, l2 = 0;
        long n = 0;
        for (int r = 0; r < h; r++)
            for (int x = 0; x < w; x++) {
                int i = r * w + x;
                if (!valid[i] || y[i] == 255) continue;
                for (int cls = 0; cls < c; cls++) {
                    int count = 0;
                    for (int dr = -half; dr <= half; dr++)
                        for (int dx = -half; dx <= half; dx++) {
                            int rr = r + dr, xx = x + dx;
                            int lab;
                            if (rr < 0 || rr >= h || xx < 0 || xx >= w) lab = 0;
                            else if (!valid[rr * w + xx] || y[rr * w + xx] == 255) lab = -1;
                            else lab = y[rr * w + xx];
                            if (lab == cls) count++;
                        }
                    double d = count / (double) (k * k) - z[(cls * h + r) * w + x];
                    l1 += Math.abs(d);
                    l2 += d * d;
                }
                n++;
            }
        return new double[]{l1 / (n * c), l2 / (n * c)};
    }
}
