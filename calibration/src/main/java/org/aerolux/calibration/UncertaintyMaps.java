package org.aerolux.calibration;

/**
 * Per-pixel uncertainty from class-major probabilities ({@code probs[c * n + i]}, n pixels), as pure functions
 * over blocks: any block of pixels (a tile, a band of rows) gives the same values as the whole image. A pixel
 * with a NaN probability (nodata) gives NaN.
 */
public final class UncertaintyMaps {
    private UncertaintyMaps() {}

    /** Max-probability confidence max_c p_c. Returns {@code out} (allocated when null). */
    public static float[] confidence(float[] probs, int numClasses, int n, float[] out) {
        out = target(probs, numClasses, n, out);
        for (int i = 0; i < n; i++) {
            float best = probs[i];
            boolean nan = Float.isNaN(best);
            for (int c = 1; c < numClasses; c++) {
                float v = probs[c * n + i];
                nan |= Float.isNaN(v);
                if (v > best) best = v;
            }
            out[i] = nan ? Float.NaN : best;
        }
        return out;
    }

    /** Shannon entropy -sum_c p_c ln p_c in nats (0 ln 0 = 0); ln C for a uniform pixel. */
    public static float[] entropy(float[] probs, int numClasses, int n, float[] out) {
        out = target(probs, numClasses, n, out);
        for (int i = 0; i < n; i++) {
            double h = 0;
            for (int c = 0; c < numClasses; c++) {
                double v = probs[c * n + i];
                if (v > 0) h -= v * Math.log(v);
                else if (Double.isNaN(v)) { h = Double.NaN; break; }
            }
            out[i] = (float) h;
        }
        return out;
    }

    /** Margin between the two largest probabilities, top1 - top2 (0 = a tie, 1 = certain). */
    public static float[] margin(float[] probs, int numClasses, int n, float[] out) {
        out = target(probs, numClasses, n, out);
        for (int i = 0; i < n; i++) {
            float first = Float.NEGATIVE_INFINITY, second = Float.NEGATIVE_INFINITY;
            boolean nan = false;
            for (int c = 0; c < numClasses; c++) {
                float v = probs[c * n + i];
                nan |= Float.isNaN(v);
                if (v > first) { second = first; first = v; }
                else if (v > second) second = v;
            }
            out[i] = nan ? Float.NaN : first - second;
        }
        return out;
    }

    private static float[] target(float[] probs, int numClasses, int n, float[] out) {
        if (numClasses < 2) throw new IllegalArgumentException("need at least 2 classes, got " + numClasses);
        if (probs.length < (long) numClasses * n)
            throw new IllegalArgumentException("probabilities hold " + probs.length + " values, need " + numClasses + " x " + n);
        if (out == null) return new float[n];
        if (out.length < n) throw new IllegalArgumentException("output holds " + out.length + " values, need " + n);
        return out;
    }
}
