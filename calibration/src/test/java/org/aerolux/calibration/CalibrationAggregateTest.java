package org.aerolux.calibration;

import static org.aerolux.calibration.Blocks.all;
import static org.aerolux.calibration.Blocks.evaluate;
import static org.aerolux.calibration.Blocks.foreground;
import static org.aerolux.calibration.Blocks.probabilities;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CalibrationAggregateTest {
    private static final double EPS = 1e-12;

    @Test
    void metricsAreAveragedPerImageAndPooledSeparately() {
        // image 1 = case A on 2 classes (ECE .28125, 4 px); image 2 = 2 pixels:
        //   (1, 0) y=0: conf 1 -> bin 14, correct ; (.5, .5) y=1: tie -> pred 0, conf .5 -> bin 7, wrong
        //   ECE = |.5 - 0| * 1/2 = .25
        ImageCalibration a = evaluate(probabilities(ImageCalibrationTest.CASE_A, ImageCalibrationTest.CASE_A_LABELS), all());
        ImageCalibration b = evaluate(probabilities(new double[][]{{1.0, 0.0}, {0.5, 0.5}}, 0, 1), all());
        assertEquals(0.25, b.ece(), EPS);
        CalibrationAggregate agg = new CalibrationAggregate(2, all());
        agg.add(a);
        agg.add(b);
        CalibrationReport r = agg.report();
        // per-image mean: (.28125 + .25) / 2 = .265625 (the image with 4 pixels does not weigh more)
        assertEquals(0.265625, r.ece(), EPS);
        assertEquals((a.cece() + b.cece()) / 2, r.cece(), EPS);
        assertEquals((a.nll() + b.nll()) / 2, r.nll(), EPS);
        assertEquals((a.brier() + b.brier()) / 2, r.brier(), EPS);
        // pooled 6 pixels: bin 7 n=2 conf .5 acc 0 -> .5*2/6; bin 11 n=2 conf .75 acc .5 -> .25*2/6;
        //   bin 13 n=1 conf .875 acc 1 -> .125/6; bin 14 n=1 conf 1 acc 1 -> 0   => 3.25/12
        assertEquals(3.25 / 12, r.pooledEce(), EPS);
        assertEquals(3.25 / 12, r.diagram().ece(), EPS);
        assertEquals(6, r.diagram().total());
        assertEquals((a.nll() * 4 + b.nll() * 2) / 6, r.pooledNll(), EPS);
        assertEquals(2, r.images());
        assertEquals(6, r.counts().evaluated());
    }

    @Test
    void imagesWithoutForegroundAreLeftOutAndCounted() {
        ImageCalibration a = evaluate(probabilities(ImageCalibrationTest.CASE_A, ImageCalibrationTest.CASE_A_LABELS), foreground());
        ImageCalibration empty = evaluate(probabilities(new double[][]{{0.75, 0.25}}, 0), foreground());
        CalibrationAggregate agg = new CalibrationAggregate(2, foreground());
        agg.add(a);
        agg.add(empty);
        CalibrationReport r = agg.report();
        assertEquals(0.375, r.ece(), EPS);   // case A foreground-only, alone
        assertEquals(1, r.images());
        assertEquals(1, r.imagesWithoutPixels());
        assertEquals(5, r.counts().seen());
        assertEquals(3, r.counts().background());
        assertEquals(2, r.perImage().size());
    }

    @Test
    void perClassEceIsAveragedOverTheImagesThatIncludedTheClass() {
        // case D (classes 0..2 counted: .375, .25, .3125) and case C on 4 classes with an extra zero column
        ImageCalibration d = evaluate(probabilities(ImageCalibrationTest.CASE_D, 0, 2), all());
        ImageCalibration c = evaluate(probabilities(new double[][]{{1.0, 0.0, 0.0, 0.0}, {0.5, 0.5, 0.0, 0.0}}, 0, 1), all());
        CalibrationAggregate agg = new CalibrationAggregate(4, all());
        agg.add(d);
        agg.add(c);
        double[] ce = agg.report().classEce();
        assertEquals((0.375 + 0.25) / 2, ce[0], EPS);
        assertEquals((0.25 + 0.25) / 2, ce[1], EPS);
        assertEquals(0.3125, ce[2], EPS);      // only image d counted class 2
        assertTrue(Double.isNaN(ce[3]));        // no image counted class 3
    }

    @Test
    void mismatchedImagesAreRejected() {
        CalibrationAggregate agg = new CalibrationAggregate(3, all());
        ImageCalibration two = evaluate(probabilities(ImageCalibrationTest.CASE_A, ImageCalibrationTest.CASE_A_LABELS), all());
        assertThrows(IllegalArgumentException.class, () -> agg.add(two));
    }

    @Test
    void noImageGivesNaNNotZero() {
        CalibrationReport r = new CalibrationAggregate(2, all()).report();
        assertTrue(Double.isNaN(r.ece()));
        assertTrue(Double.isNaN(r.pooledNll()));
        assertEquals(0, r.images());
    }
}
