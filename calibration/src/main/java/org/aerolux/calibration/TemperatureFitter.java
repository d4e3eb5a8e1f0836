package org.aerolux.calibration;

/**
 * Fits one temperature T minimising the mean NLL of softmax(z / T) on labelled logits.
 *
 * <p>With beta = 1/T, NLL(beta) = mean_i [ logsumexp(beta z_i) - beta z_{i,y_i} ] is convex in beta: its
 * derivative is g(beta) = mean_i [ E_p[z_i] - z_{i,y_i} ] and its second derivative the mean variance
 * Var_p[z_i] >= 0 (p = softmax(beta z_i)). The solver is Newton on beta, safeguarded by a sign bracket: a step
 * leaving the bracket is replaced by bisection, so it converges on any convex instance. When g does not change
 * sign over the range, the minimum is at a bound and {@code atBound} is set.
 */
public final class TemperatureFitter {
    public static final double DEFAULT_MIN = 0.05;
    public static final double DEFAULT_MAX = 20.0;
    private static final int MAX_ITERATIONS = 200;

    private TemperatureFitter() {}

    /**
     * @param logits pixel-major logits, {@code logits[i * C + c]} for i &lt; n
     * @param labels class per pixel (0..C-1)
     */
    public static TemperatureFit fit(float[] logits, int[] labels, int n, int numClasses, double tMin, double tMax) {
        if (!(tMin > 0 && tMax > tMin)) throw new IllegalArgumentException("bad temperature range [" + tMin + ", " + tMax + "]");
        if (n < 1) throw new IllegalArgumentException("no sample to fit a temperature on");
        for (int i = 0; i < n; i++)
            if (labels[i] < 0 || labels[i] >= numClasses) throw new IllegalArgumentException("label " + labels[i] + " of sample " + i + " is not a class");
        double lo = 1.0 / tMax, hi = 1.0 / tMin;
        double[] d = new double[3];
        int it = 0;
        derivatives(logits, labels, n, numClasses, lo, d);
        it++;
        double beta;
        boolean atBound = false;
        if (d[1] >= 0) { beta = lo; atBound = true; }
        else {
            derivatives(logits, labels, n, numClasses, hi, d);
            it++;
            if (d[1] <= 0) { beta = hi; atBound = true; }
            else {
                beta = Math.min(Math.max(1.0, lo), hi);
                while (it < MAX_ITERATIONS) {
                    derivatives(logits, labels, n, numClasses, beta, d);
                    it++;
                    double g = d[1], h = d[2];
                    if (g == 0) break;
                    if (g < 0) lo = beta; else hi = beta;
                    double next = beta - g / h;
                    if (h > 0 && Math.abs(next - beta) <= 1e-12 * beta) {   // converged: the Newton step is nil
                        beta = Math.min(Math.max(next, lo), hi);
                        break;
                    }
                    if (!(h > 0) || !(next > lo && next < hi)) next = 0.5 * (lo + hi);   // safeguard: bisect
                    beta = next;
                    if (hi - lo <= 1e-13 * beta) break;
                }
            }
        }
        derivatives(logits, labels, n, numClasses, 1.0, d);
        double before = d[0];
        derivatives(logits, labels, n, numClasses, beta, d);
        return new TemperatureFit(1.0 / beta, before, d[0], n, n, it, atBound);
    }

    /** Mean NLL of softmax(z / T) on the sample (for checks and reports). */
    public static double nll(float[] logits, int[] labels, int n, int numClasses, double temperature) {
        double[] d = new double[3];
        derivatives(logits, labels, n, numClasses, 1.0 / temperature, d);
        return d[0];
    }

    /** out = {NLL(beta), dNLL/dbeta, d2NLL/dbeta2}, means over the sample. */
    private static void derivatives(float[] logits, int[] labels, int n, int numClasses, double beta, double[] out) {
        double f = 0, g = 0, h = 0;
        for (int i = 0; i < n; i++) {
            int base = i * numClasses;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < numClasses; c++) max = Math.max(max, beta * logits[base + c]);
            // moments of v = z - z_y (centred on the label's logit to limit cancellation)
            double zy = logits[base + labels[i]];
            double sum = 0, ev = 0, ev2 = 0;
            for (int c = 0; c < numClasses; c++) {
                double v = logits[base + c] - zy;
                double e = Math.exp(beta * logits[base + c] - max);
                sum += e;
                ev += e * v;
                ev2 += e * v * v;
            }
            double mean = ev / sum;
            f += max + Math.log(sum) - beta * zy;
            g += mean;
            h += Math.max(0.0, ev2 / sum - mean * mean);
        }
        out[0] = f / n;
        out[1] = g / n;
        out[2] = h / n;
    }
}
