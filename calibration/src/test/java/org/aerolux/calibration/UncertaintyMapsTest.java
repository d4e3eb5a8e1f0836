package org.aerolux.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UncertaintyMapsTest {

    // 4 pixels, 4 classes, class-major: pixel 0 uniform, pixel 1 (.5,.5,0,0), pixel 2 certain, pixel 3 (.5,.25,.125,.125)
    static final float[] P = Blocks.classMajor(new double[][]{
            {0.25, 0.25, 0.25, 0.25}, {0.5, 0.5, 0, 0}, {0, 0, 1, 0}, {0.5, 0.25, 0.125, 0.125}});

    @Test
    void confidence() {
        assertArrayEquals(new float[]{0.25f, 0.5f, 1f, 0.5f}, UncertaintyMaps.confidence(P, 4, 4, null));
    }

    @Test
    void entropyInNats() {
        float[] h = UncertaintyMaps.entropy(P, 4, 4, null);
        assertEquals(Math.log(4), h[0], 1e-6);       // uniform over C: ln C
        assertEquals(Math.log(2), h[1], 1e-6);       // two equal classes, 0 ln 0 = 0
        assertEquals(0, h[2], 0);                    // certain
        // -(.5 ln .5 + .25 ln .25 + 2 * .125 ln .125) = .5 ln2 + .5 ln2 + .75 ln2 = 1.75 ln 2
        assertEquals(1.75 * Math.log(2), h[3], 1e-6);
        for (int c = 2; c <= 7; c++) {
            float[] u = new float[c];
            java.util.Arrays.fill(u, 1f / c);
            assertEquals(Math.log(c), UncertaintyMaps.entropy(u, c, 1, null)[0], 1e-6, "C=" + c);
        }
    }

    @Test
    void marginTopOneMinusTopTwo() {
        assertArrayEquals(new float[]{0f, 0f, 1f, 0.25f}, UncertaintyMaps.margin(P, 4, 4, null));
    }

    @Test
    void nodataStaysNaN() {
        float[] p = {Float.NaN, 0.3f, Float.NaN, 0.7f};   // 2 classes, 2 pixels, pixel 0 nodata
        assertTrue(Float.isNaN(UncertaintyMaps.confidence(p, 2, 2, null)[0]));
        assertTrue(Float.isNaN(UncertaintyMaps.entropy(p, 2, 2, null)[0]));
        assertTrue(Float.isNaN(UncertaintyMaps.margin(p, 2, 2, null)[0]));
        assertEquals(0.7f, UncertaintyMaps.confidence(p, 2, 2, null)[1]);
    }

    @Test
    void blocksGiveTheSameMapAsTheWholeImage() {
        int c = 3, n = 1000;
        SplittableRandom r = new SplittableRandom(4);
        double[][] rows = new double[n][c];
        for (double[] row : rows) {
            double s = 0;
            for (int k = 0; k < c; k++) { row[k] = r.nextDouble(); s += row[k]; }
            for (int k = 0; k < c; k++) row[k] /= s;
        }
        PixelBlock whole = PixelBlock.ofProbabilities(Blocks.classMajor(rows), c, new int[n]);
        float[] h = UncertaintyMaps.entropy(whole.scores(), c, n, null);
        float[] part = new float[n];
        int from = 0;
        for (int to : new int[]{1, 333, 999, 1000}) {
            PixelBlock b = Blocks.slice(whole, from, to);
            float[] out = UncertaintyMaps.entropy(b.scores(), c, b.size(), null);
            System.arraycopy(out, 0, part, from, b.size());
            from = to;
        }
        assertArrayEquals(h, part);
    }
}
