package org.aerolux.enhancement;

/**
 * The classical low-light baselines of cue-demo's evaluation (models/aerolux_models/cue_eval.py, re-implemented
 * here from its description in models/cue-demo.md), on planar channels in [0, 1] (one grey or three RGB).
 */
final class ClassicalBaselines {
    private ClassicalBaselines() {}

    /** Fixed gamma correction x^(1/2.2). */
    static float[][] gamma(float[][] x) { return power(x, 1 / 2.2); }

    /** Adaptive gamma x^e with e = ln 0.5 / ln m, m the mean Rec. 601 luma clamped to [1e-4, 0.999]: mean luma to 0.5. */
    static float[][] adaptiveGamma(float[][] x) {
        double sum = 0;
        int n = x[0].length;
        for (int i = 0; i < n; i++) sum += x.length == 1 ? x[0][i] : 0.299 * x[0][i] + 0.587 * x[1][i] + 0.114 * x[2][i];
        double m = Math.max(1e-4, Math.min(0.999, sum / n));
        return power(x, Math.log(0.5) / Math.log(m));
    }

    /** Global histogram equalisation (256 bins) of V = max over channels; every channel scaled by V_eq / V. */
    static float[][] equalise(float[][] x) {
        int n = x[0].length;
        float[] v = new float[n];
        long[] hist = new long[256];
        for (int i = 0; i < n; i++) {
            float m = x[0][i];
            for (float[] c : x) m = Math.max(m, c[i]);
            v[i] = m;
            hist[Math.min(255, Math.round(m * 255))]++;
        }
        double[] cdf = new double[256];
        long cum = 0;
        for (int b = 0; b < 256; b++) {
            cum += hist[b];
            cdf[b] = (double) cum / n;
        }
        float[][] out = new float[x.length][n];
        for (int i = 0; i < n; i++) {
            double eq = cdf[Math.min(255, Math.round(v[i] * 255))];
            double gain = v[i] > 0 ? eq / v[i] : 0;
            for (int c = 0; c < x.length; c++) out[c][i] = (float) Math.max(0, Math.min(1, x[c][i] * gain));
        }
        return out;
    }

    private static float[][] power(float[][] x, double e) {
        float[][] out = new float[x.length][];
        for (int c = 0; c < x.length; c++) {
            out[c] = new float[x[c].length];
            for (int i = 0; i < x[c].length; i++) out[c][i] = (float) Math.pow(x[c][i], e);
        }
        return out;
    }
}
