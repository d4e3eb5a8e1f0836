package org.aerolux.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TemperatureTest {

    /**
     * Synthetic labelled logits miscalibrated by a known temperature: u ~ N(0, 2^2) per class, the label drawn
     * from softmax(u), the logits z = u * T. Then softmax(z / T) is the true distribution, so T minimises the
     * expected NLL; the fit on a finite sample recovers it up to sampling noise.
     */
    static PixelBlock synthetic(int c, int n, double temperature, long seed, ScoreKind kind) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] s = new float[c * n];
        int[] y = new int[n];
        double[] u = new double[c];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int k = 0; k < c; k++) { u[k] = gaussian(r) * 2; max = Math.max(max, u[k]); }
            for (int k = 0; k < c; k++) sum += Math.exp(u[k] - max);
            double t = r.nextDouble() * sum, acc = 0;
            y[i] = c - 1;
            for (int k = 0; k < c; k++) { acc += Math.exp(u[k] - max); if (t < acc) { y[i] = k; break; } }
            for (int k = 0; k < c; k++)
                s[k * n + i] = kind == ScoreKind.LOGITS ? (float) (u[k] * temperature) : (float) (Math.exp(u[k] - max) / sum);
        }
        return new PixelBlock(s, kind, c, n, y, null);
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void recoversAKnownTemperature() {
        for (double t : new double[]{2.5, 0.4, 1.0}) {
            TemperatureSampler s = new TemperatureSampler(5, 40_000, 42, CalibrationOptions.defaults());
            s.accept(synthetic(5, 100_000, t, 1234, ScoreKind.LOGITS));
            TemperatureFit f = s.fit();
            assertEquals(t, f.temperature(), 0.03 * t, "T*=" + t);
            assertFalse(f.atBound());
            assertEquals(40_000, f.samples());
            assertEquals(100_000, f.eligiblePixels());
            assertTrue(f.nllAfter() <= f.nllBefore() + 1e-15);
        }
    }

    @Test
    void theFitIsTheMinimumOfTheSampleNll() {
        PixelBlock b = synthetic(4, 20_000, 1.7, 99, ScoreKind.LOGITS);
        TemperatureSampler s = new TemperatureSampler(4, 20_000, 1, CalibrationOptions.defaults());
        s.accept(b);
        TemperatureFit f = s.fit();
        float[] z = s.sampledLogits();
        int[] y = s.sampledLabels();
        // golden-section search on log T as an independent minimiser
        double a = Math.log(0.05), c = Math.log(20), phi = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < 200; i++) {
            double x1 = c - phi * (c - a), x2 = a + phi * (c - a);
            if (TemperatureFitter.nll(z, y, y.length, 4, Math.exp(x1)) < TemperatureFitter.nll(z, y, y.length, 4, Math.exp(x2))) c = x2;
            else a = x1;
        }
        assertEquals(Math.exp((a + c) / 2), f.temperature(), 1e-6);
        assertTrue(f.iterations() < 30, "Newton converges fast: " + f.iterations());
    }

    @Test
    void probabilitiesAreFittedThroughTheirLogarithm() {
        // probabilities that are already calibrated: softmax(log p / T) is best at T = 1
        TemperatureSampler s = new TemperatureSampler(5, 50_000, 5, CalibrationOptions.defaults());
        s.accept(synthetic(5, 50_000, 1.0, 77, ScoreKind.PROBABILITIES));
        assertEquals(1.0, s.fit().temperature(), 0.03);
    }

    @Test
    void optimaOutsideTheRangeStopAtTheBound() {
        int c = 3, n = 5000;
        SplittableRandom r = new SplittableRandom(8);
        float[] z = new float[c * n];
        int[] random = new int[n], perfect = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 0; k < c; k++) { z[k * n + i] = (float) (r.nextDouble() * 10); if (z[k * n + i] > z[best * n + i]) best = k; }
            random[i] = r.nextInt(c);
            perfect[i] = best;
        }
        // labels unrelated to the logits: the best model is uniform, T -> infinity
        TemperatureSampler s1 = new TemperatureSampler(c, n, 1, CalibrationOptions.defaults());
        s1.accept(PixelBlock.ofLogits(z, c, random));
        TemperatureFit f1 = s1.fit();
        assertTrue(f1.temperature() > 2, "T=" + f1.temperature());
        // labels always the argmax: sharper is always better, T -> 0, stops at 0.05
        TemperatureSampler s2 = new TemperatureSampler(c, n, 1, CalibrationOptions.defaults());
        s2.accept(PixelBlock.ofLogits(z, c, perfect));
        TemperatureFit f2 = s2.fit();
        assertEquals(0.05, f2.temperature(), 1e-12);
        assertTrue(f2.atBound());
        // a narrow range puts the first case on its upper bound
        TemperatureFit f3 = s1.fit(0.5, 1.5);
        assertEquals(1.5, f3.temperature(), 1e-12);
        assertTrue(f3.atBound());
    }

    @Test
    void theSampleDoesNotDependOnHowPixelsAreCutIntoBlocks() {
        PixelBlock b = synthetic(3, 30_000, 2.0, 5, ScoreKind.LOGITS);
        TemperatureSampler once = new TemperatureSampler(3, 1000, 9, CalibrationOptions.defaults());
        once.accept(b);
        TemperatureSampler blocks = new TemperatureSampler(3, 1000, 9, CalibrationOptions.defaults());
        for (int from = 0; from < 30_000; from += 7_001) blocks.accept(Blocks.slice(b, from, Math.min(30_000, from + 7_001)));
        assertArrayEquals(once.sampledLogits(), blocks.sampledLogits());
        assertArrayEquals(once.sampledLabels(), blocks.sampledLabels());
        assertEquals(once.fit(), blocks.fit());
    }

    @Test
    void theReservoirIsUniformOverEligiblePixels() {
        // 100 000 pixels, class-0 logit = the pixel index; 1 in 10 is unlabelled (255) and must never be sampled
        int n = 100_000, cap = 2_000;
        float[] z = new float[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) { z[i] = i; y[i] = i % 10 == 3 ? 255 : 1; }
        TemperatureSampler s = new TemperatureSampler(2, cap, 2024, CalibrationOptions.defaults());
        s.accept(PixelBlock.ofLogits(z, 2, y));
        assertEquals(90_000, s.eligiblePixels());
        float[] sample = s.sampledLogits();
        int[] deciles = new int[10];
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        double mean = 0;
        for (int k = 0; k < cap; k++) {
            int index = (int) sample[2 * k];
            assertTrue(index % 10 != 3, "an unlabelled pixel was sampled");
            assertTrue(seen.add(index), "a pixel was sampled twice");
            deciles[index / 10_000]++;
            mean += index / (double) n / cap;
        }
        // uniform: mean 0.5 (sd 0.0065), each decile 200 (sd ~13)
        assertEquals(0.5, mean, 0.025);
        for (int d : deciles) assertEquals(200, d, 60, java.util.Arrays.toString(deciles));
    }

    @Test
    void noLabelledPixelIsAClearError() {
        TemperatureSampler s = new TemperatureSampler(2, 10, 1, CalibrationOptions.defaults());
        s.accept(PixelBlock.ofLogits(new float[4], 2, new int[]{255, 255}));
        assertThrows(IllegalStateException.class, s::fit);
    }
}
