package org.aerolux.calibration;

/** Per-pixel probabilities and log-probabilities from a {@link PixelBlock}, in double precision. */
final class Softmax {
    /**
     * Probabilities below this floor are treated as this value when a logarithm is needed (NLL, or logits
     * recovered from probabilities for the temperature fit), so that a confidently wrong probability of
     * exactly 0 gives a large finite loss instead of infinity. The same floor as scikit-learn's log_loss.
     */
    static final double PROBABILITY_FLOOR = 1e-15;

    private Softmax() {}

    /**
     * Fills {@code p[0..C-1]} with the probabilities of pixel {@code i} and returns log p[label] (label must be a
     * valid class), or NaN when a score is not finite (the caller then skips the pixel).
     * For logits the softmax is computed stably as exp(z - max) / sum and log p as z - max - log(sum).
     */
    static double probabilities(PixelBlock block, int i, int label, double[] p) {
        int c = block.numClasses();
        float[] s = block.scores();
        int n = block.size();
        if (block.kind() == ScoreKind.PROBABILITIES) {
            for (int k = 0; k < c; k++) {
                double v = s[k * n + i];
                if (!Double.isFinite(v)) return Double.NaN;
                p[k] = v;
            }
            return Math.log(Math.max(p[label], PROBABILITY_FLOOR));
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c; k++) {
            double v = s[k * n + i];
            if (!Double.isFinite(v)) return Double.NaN;
            p[k] = v;
            if (v > max) max = v;
        }
        double sum = 0;
        for (int k = 0; k < c; k++) {
            double e = Math.exp(p[k] - max);
            p[k] = e;
            sum += e;
        }
        double logProbLabel = s[label * n + i] - max - Math.log(sum);
        for (int k = 0; k < c; k++) p[k] /= sum;
        return logProbLabel;
    }

    /** Index of the largest value; ties go to the lowest index, as torch.max / argmax do on CPU. */
    static int argmax(double[] p, int c) {
        int best = 0;
        for (int k = 1; k < c; k++) if (p[k] > p[best]) best = k;
        return best;
    }
}
