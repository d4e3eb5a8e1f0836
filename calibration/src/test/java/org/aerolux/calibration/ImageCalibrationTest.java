package org.aerolux.calibration;

import static org.aerolux.calibration.Blocks.all;
import static org.aerolux.calibration.Blocks.evaluate;
import static org.aerolux.calibration.Blocks.foreground;
import static org.aerolux.calibration.Blocks.probabilities;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hand-computed metrics on tiny blocks; probabilities are exact binary fractions so floats carry them exactly. */
class ImageCalibrationTest {
    private static final double EPS = 1e-12;

    /*
     * Case A, 2 classes, 4 pixels (p0, p1) -> label; prediction = argmax, ties to class 0.
     *   px0 (0.25, 0.75) y=1: pred 1, conf 0.75, correct
     *   px1 (0.25, 0.75) y=0: pred 1, conf 0.75, wrong
     *   px2 (0.875, 0.125) y=0: pred 0, conf 0.875, correct
     *   px3 (0.5, 0.5) y=1: tie -> pred 0, conf 0.5, wrong
     * 15 bins (k/15, (k+1)/15]: 0.75*15 = 11.25 -> bin 11; 0.875*15 = 13.125 -> bin 13; 0.5*15 = 7.5 -> bin 7;
     * 0.25*15 = 3.75 -> bin 3; 0.125*15 = 1.875 -> bin 1.
     */
    static final double[][] CASE_A = {{0.25, 0.75}, {0.25, 0.75}, {0.875, 0.125}, {0.5, 0.5}};
    static final int[] CASE_A_LABELS = {1, 0, 0, 1};

    @Test
    void caseAAllPixels() {
        ImageCalibration m = evaluate(probabilities(CASE_A, CASE_A_LABELS), all());
        // ECE: bin 11: n=2, conf .75, acc .5 -> .25 * 2/4 = .125
        //      bin 13: n=1, conf .875, acc 1 -> .125 * 1/4 = .03125
        //      bin 7 : n=1, conf .5, acc 0   -> .5 * 1/4 = .125          total .28125
        assertEquals(0.28125, m.ece(), EPS);
        // class 0: p0 = .25,.25,.875,.5 vs [y=0] = 0,1,1,0
        //   bin 3: n=2, conf .25, acc .5 -> .25*2/4 = .125; bin 13: |.875-1|/4 = .03125; bin 7: |.5-0|/4 = .125
        // class 1: p1 = .75,.75,.125,.5 vs [y=1] = 1,0,0,1
        //   bin 11: n=2, conf .75, acc .5 -> .125; bin 1: |.125-0|/4 = .03125; bin 7: |.5-1|/4 = .125
        // classes 0..max label 1 -> CECE = (.28125 + .28125) / 2
        assertEquals(0.28125, m.cece(), EPS);
        assertArrayEquals(new double[]{0.28125, 0.28125}, m.classEce(), EPS);
        // NLL = -(ln .75 + ln .25 + ln .875 + ln .5) / 4
        assertEquals(-(Math.log(0.75) + Math.log(0.25) + Math.log(0.875) + Math.log(0.5)) / 4, m.nll(), EPS);
        // Brier: px0 .0625+.0625 = .125; px1 .5625+.5625 = 1.125; px2 .015625*2 = .03125; px3 .25+.25 = .5
        //        sum 1.78125 / 4 = .4453125
        assertEquals(0.4453125, m.brier(), EPS);
        assertEquals(new PixelCounts(4, 4, 0, 0, 0, 0), m.counts());
        assertArrayEquals(new long[]{2, 2}, m.classPixels());
        ReliabilityBin b11 = m.diagram().bins().get(11);
        assertEquals(2, b11.count());
        assertEquals(0.75, b11.meanConfidence(), EPS);
        assertEquals(0.5, b11.accuracy(), EPS);
        assertEquals(0.25, b11.gap(), EPS);
        assertTrue(Double.isNaN(m.diagram().bins().get(0).accuracy()), "empty bin has no accuracy");
        assertEquals(0, m.diagram().bins().get(0).count());
    }

    @Test
    void caseAForegroundOnly() {
        ImageCalibration m = evaluate(probabilities(CASE_A, CASE_A_LABELS), foreground());
        // only px0 (conf .75, correct) and px3 (conf .5, wrong, label 1) remain
        // ECE: bin 11 |.75-1| * 1/2 = .125; bin 7 |.5-0| * 1/2 = .25 -> .375
        assertEquals(0.375, m.ece(), EPS);
        // max label 1 -> classes 0 and 1, class 0 included although no evaluated pixel is background (authors)
        // class 0: p0 = .25,.5 vs 0,0 -> .25/2 + .5/2 = .375 ; class 1: p1 = .75,.5 vs 1,1 -> .25/2 + .5/2 = .375
        assertEquals(0.375, m.cece(), EPS);
        assertEquals(-(Math.log(0.75) + Math.log(0.5)) / 2, m.nll(), EPS);
        assertEquals(new PixelCounts(4, 2, 0, 0, 2, 0), m.counts());
    }

    @Test
    void edgesAreUpperClosedThroughTheAccumulator() {
        // 4 bins: edges .25, .5, .75 are exact. Confidences .5 (-> bin 1 = (.25,.5]), .75 (-> bin 2), 1.0 (-> bin 3)
        double[][] p = {{0.5, 0.5}, {0.75, 0.25}, {1.0, 0.0}};
        ImageCalibration m = evaluate(probabilities(p, 0, 0, 0),
                CalibrationOptions.builder().bins(4).build());
        long[] counts = m.diagram().bins().stream().mapToLong(ReliabilityBin::count).toArray();
        assertArrayEquals(new long[]{0, 1, 1, 1}, counts);
        // all predictions are class 0 and correct: ECE = (.5 + .25 + 0) / 3
        assertEquals(0.75 / 3, m.ece(), EPS);
    }

    /*
     * Case C, 3 classes, probabilities exactly 0:
     *   px0 (1, 0, 0) y=0: pred 0, conf 1.0 -> bin 14, correct
     *   px1 (.5, .5, 0) y=1: tie -> pred 0, conf .5 -> bin 7, wrong
     */
    static final double[][] CASE_C = {{1.0, 0.0, 0.0}, {0.5, 0.5, 0.0}};

    @Test
    void zeroProbabilityIsInNoBinButCountsInTheShares() {
        ImageCalibration m = evaluate(probabilities(CASE_C, 0, 1), all());
        // ECE: bin 14 |1-1| = 0; bin 7 |.5 - 0| * 1/2 = .25
        assertEquals(0.25, m.ece(), EPS);
        // class 0: p0 = 1, .5 vs 1, 0: bin 14 -> 0; bin 7 -> .5 * 1/2 = .25
        // class 1: p1 = 0, .5 vs 0, 1: p=0 -> no bin (but n stays 2); bin 7 -> |.5 - 1| * 1/2 = .25
        // max label 1: class 2 is left out -> CECE = .25
        assertEquals(0.25, m.cece(), EPS);
        assertTrue(Double.isNaN(m.classEce()[2]));
        // NLL = -(ln 1 + ln .5) / 2
        assertEquals(Math.log(2) / 2, m.nll(), EPS);
        // ALL classes: class 2 has p = 0, 0 -> no bin -> ECE 0 -> CECE = (.25 + .25 + 0) / 3
        assertEquals(0.5 / 3, evaluate(probabilities(CASE_C, 0, 1),
                CalibrationOptions.builder().ceceClasses(CeceClasses.ALL).build()).cece(), EPS);
    }

    /*
     * Case D, 4 classes, labels only 0 and 2:
     *   px0 (.5, .25, .125, .125) y=0: pred 0, conf .5 (bin 7), correct
     *   px1 (.25, .25, .5, 0)     y=2: pred 2, conf .5 (bin 7), correct
     */
    static final double[][] CASE_D = {{0.5, 0.25, 0.125, 0.125}, {0.25, 0.25, 0.5, 0.0}};

    @Test
    void ceceClassSets() {
        // class 0: p0 .5, .25 vs 1, 0: bin 7 |.5-1|/2 = .25; bin 3 .25/2 = .125 -> .375
        // class 1: p1 .25, .25 vs 0, 0 (an empty class): bin 3, n=2, |.25 - 0| * 2/2 = .25
        // class 2: p2 .125, .5 vs 0, 1: bin 1 .125/2 = .0625; bin 7 |.5-1|/2 = .25 -> .3125
        // class 3: p3 .125, 0 vs 0, 0: bin 1 .125/2 = .0625; 0 -> no bin -> .0625
        PixelBlock b = probabilities(CASE_D, 0, 2);
        ImageCalibration authors = evaluate(b, all());
        assertEquals(0.5, authors.ece(), EPS); // bin 7: n=2, conf .5, acc 1
        assertEquals((0.375 + 0.25 + 0.3125) / 3, authors.cece(), EPS);       // classes 0..2 (max label 2)
        assertEquals((0.375 + 0.25 + 0.3125 + 0.0625) / 4,
                evaluate(b, CalibrationOptions.builder().ceceClasses(CeceClasses.ALL).build()).cece(), EPS);
        assertEquals((0.375 + 0.3125) / 2,
                evaluate(b, CalibrationOptions.builder().ceceClasses(CeceClasses.PRESENT).build()).cece(), EPS);
        assertArrayEquals(new double[]{0.375, 0.25, 0.3125, Double.NaN}, authors.classEce(), EPS);
    }

    @Test
    void ignoredInvalidAndNonFinitePixelsAreSkippedAndCounted() {
        // case A plus: px4 ignore label 255, px5 outside the mask, px6 NaN probability
        double[][] p = {{0.25, 0.75}, {0.25, 0.75}, {0.875, 0.125}, {0.5, 0.5}, {0.9, 0.1}, {0.1, 0.9}, {Double.NaN, 1}};
        PixelBlock b = probabilities(p, 1, 0, 0, 1, 255, 1, 0)
                .withValid(new boolean[]{true, true, true, true, true, false, true});
        ImageCalibration m = evaluate(b, all());
        ImageCalibration a = evaluate(probabilities(CASE_A, CASE_A_LABELS), all());
        assertEquals(a.ece(), m.ece(), 0);
        assertEquals(a.cece(), m.cece(), 0);
        assertEquals(a.nll(), m.nll(), 0);
        assertEquals(new PixelCounts(7, 4, 1, 1, 0, 1), m.counts());
    }

    @Test
    void aLabelThatIsNoClassIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> evaluate(probabilities(CASE_A, 1, 0, 7, 1), all()));
        assertTrue(e.getMessage().contains("label 7"), e.getMessage());
        assertTrue(e.getMessage().contains("pixel 2"), e.getMessage());
    }

    @Test
    void probabilityZeroOnTheTrueClassGivesAFloorNotInfinity() {
        // p_y = 0 -> NLL = -ln(1e-15) = 34.5388
        ImageCalibration m = evaluate(probabilities(new double[][]{{1.0, 0.0}}, 1), all());
        assertEquals(-Math.log(1e-15), m.nll(), 1e-9);
        // Brier = (1 - 0)^2 + (0 - 1)^2 = 2
        assertEquals(2.0, m.brier(), EPS);
    }

    @Test
    void logitsGiveTheSoftmaxMetrics() {
        // logits (0, ln 3) -> p = (1/4, 3/4); (ln 7, 0) -> p = (7/8, 1/8); (0, 0) -> (1/2, 1/2): case A's pixels
        double ln3 = Math.log(3), ln7 = Math.log(7);
        double[][] z = {{0, ln3}, {0, ln3}, {ln7, 0}, {0, 0}};
        ImageCalibration fromLogits = evaluate(PixelBlock.ofLogits(Blocks.classMajor(z), 2, CASE_A_LABELS), all());
        ImageCalibration fromProbs = evaluate(probabilities(CASE_A, CASE_A_LABELS), all());
        // float logits carry ln 3 and ln 7 to ~1e-7 relative
        assertEquals(fromProbs.ece(), fromLogits.ece(), 1e-6);
        assertEquals(fromProbs.cece(), fromLogits.cece(), 1e-6);
        assertEquals(fromProbs.nll(), fromLogits.nll(), 1e-6);
        assertEquals(fromProbs.brier(), fromLogits.brier(), 1e-6);
    }

    @Test
    void streamingInBlocksEqualsAllAtOnce() {
        int c = 5, n = 37 * 53;
        SplittableRandom r = new SplittableRandom(11);
        float[] z = new float[c * n];
        int[] y = new int[n];
        boolean[] valid = new boolean[n];
        for (int i = 0; i < c * n; i++) z[i] = (float) (r.nextDouble() * 8 - 4);
        for (int i = 0; i < n; i++) { y[i] = r.nextInt(20) == 0 ? 255 : r.nextInt(c); valid[i] = r.nextInt(25) != 0; }
        PixelBlock whole = new PixelBlock(z, ScoreKind.LOGITS, c, n, y, valid);
        for (CalibrationOptions o : new CalibrationOptions[]{all(), foreground()}) {
            ImageCalibration once = evaluate(whole, o);
            ImageCalibrationAccumulator acc = new ImageCalibrationAccumulator(c, o);
            int[] cuts = {0, 53, 54, 60, 53 * 20, n};   // a row, a pixel, part of a row, 20 rows, the rest
            for (int k = 0; k + 1 < cuts.length; k++) acc.accept(Blocks.slice(whole, cuts[k], cuts[k + 1]));
            ImageCalibration streamed = acc.finish("streamed");
            assertEquals(once.ece(), streamed.ece(), 0);
            assertEquals(once.cece(), streamed.cece(), 0);
            assertEquals(once.nll(), streamed.nll(), 0);
            assertEquals(once.brier(), streamed.brier(), 0);
            assertEquals(once.counts(), streamed.counts());
            assertEquals(once.diagram(), streamed.diagram());
            assertTrue(once.ece() > 0.05, "random scores are miscalibrated");
        }
    }

    @Test
    void anImageWithoutEvaluatedPixelsHasNoMetrics() {
        ImageCalibration m = evaluate(probabilities(new double[][]{{0.75, 0.25}, {0.5, 0.5}}, 0, 0), foreground());
        assertFalse(m.hasPixels());
        assertTrue(Double.isNaN(m.ece()));
        assertEquals(new PixelCounts(2, 0, 0, 0, 2, 0), m.counts());
    }
}
