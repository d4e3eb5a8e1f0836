package org.aerolux.calibration;

/**
 * Equal-width confidence bins over [0, 1], with the edge convention of the NACL authors' metrics.
 *
 * <p>Reading of Bala93/MarginLoss {@code calibrate/evaluation/metrics.py} (ECELoss, ClasswiseECELoss): the
 * boundaries are {@code torch.linspace(0, 1, bins + 1)} and a value v falls in bin k when
 * {@code lower_k < v && v <= upper_k}: bins are open below and closed above. Consequences, kept here:
 * <ul>
 *   <li>a value exactly on an inner edge k/bins belongs to the bin <em>below</em> it (1/15 is in bin 0);</li>
 *   <li>1.0 belongs to the last bin;</li>
 *   <li>0.0 (a class probability that underflowed) belongs to <em>no</em> bin, yet the pixel still counts in
 *       the denominator of the bin shares (the authors' {@code prop_in_bin} is a mean over all pixels);</li>
 *   <li>values above 1 or NaN belong to no bin either.</li>
 * </ul>
 * The edges here are the doubles nearest to k/bins, equal to {@code numpy.linspace(0, 1, 16)} in float64.
 * The authors' float32 {@code torch.linspace} edges differ from the float32 nearest to k/15 by one float32 ulp
 * for k = 3, 6, 7, 8, 9, 10, 12, so a float32 confidence lying exactly on one of those edges may be binned one
 * bin apart from their code; this needs a confidence on an edge to the last bit and changes ECE by at most
 * O(1/n).
 */
public final class ConfidenceBins {
    private ConfidenceBins() {}

    /** Lower edge of bin k: the double nearest k / bins. */
    public static double lowerEdge(int k, int bins) {
        return k / (double) bins;
    }

    /** Upper edge of bin k (closed): the double nearest (k + 1) / bins. */
    public static double upperEdge(int k, int bins) {
        return (k + 1) / (double) bins;
    }

    /**
     * The bin of a value under the (lower, upper] rule, or -1 when the value is not in (0, 1] (0, negative,
     * above 1, NaN).
     */
    public static int indexOf(double value, int bins) {
        if (!(value > 0.0 && value <= 1.0)) return -1;
        int k = (int) Math.ceil(value * bins) - 1;
        // value * bins is rounded; settle the bin against the exact edges so that lower < value <= upper holds.
        if (k < 0) k = 0;
        if (k > bins - 1) k = bins - 1;
        while (k > 0 && value <= lowerEdge(k, bins)) k--;
        while (k < bins - 1 && value > upperEdge(k, bins)) k++;
        return k;
    }

    /** The bins + 1 edges k / bins. */
    static double[] edges(int bins) {
        double[] e = new double[bins + 1];
        for (int k = 0; k <= bins; k++) e[k] = lowerEdge(k, bins);
        return e;
    }

    /** {@link #indexOf(double, int)} with precomputed {@link #edges(int)} (no division per call). */
    static int indexOf(double value, double[] edges) {
        if (!(value > 0.0 && value <= 1.0)) return -1;
        int bins = edges.length - 1;
        int k = (int) Math.ceil(value * bins) - 1;
        if (k < 0) k = 0;
        if (k > bins - 1) k = bins - 1;
        while (k > 0 && value <= edges[k]) k--;
        while (k < bins - 1 && value > edges[k + 1]) k++;
        return k;
    }
}
