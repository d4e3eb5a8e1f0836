package org.aerolux.core.resample;

/**
 * The weights of one axis of a separable resampling from {@code inLength} input pixels to {@code outLength} output
 * pixels over the same extent (output pixel {@code j} covers input coordinates {@code [j s, (j + 1) s)}, {@code s =
 * inLength / outLength}), for the output pixels {@code [from, to)}. Each output pixel has a run of input pixels
 * starting at {@link #start(int)} with weights summing to 1.
 * <ul>
 *   <li>{@link #area}: when shrinking ({@code s >= 1}): the average over the output pixel's footprint, each input
 *       pixel weighted by the length it shares with it (box filter; exact for {@code s = 1}: the identity);</li>
 *   <li>{@link #bilinear}: when enlarging ({@code s < 1}) and for mapping back: linear interpolation between the
 *       two input pixels whose centres surround the output centre {@code (j + 0.5) s - 0.5}, clamped at the
 *       borders (edge pixels repeat).</li>
 * </ul>
 */
public final class AxisKernel {
    private final int from;
    private final int[] starts;
    private final int[] offsets; // weights of output from + k are weights[offsets[k] .. offsets[k + 1])
    private final double[] weights;

    private AxisKernel(int from, int[] starts, int[] offsets, double[] weights) {
        this.from = from;
        this.starts = starts;
        this.offsets = offsets;
        this.weights = weights;
    }

    /** Area averaging when {@code inLength >= outLength}, else bilinear. */
    public static AxisKernel forResampling(int inLength, int outLength, int from, int to) {
        return inLength >= outLength ? area(inLength, outLength, from, to) : bilinear(inLength, outLength, from, to);
    }

    /** Box-filter weights (see the class comment); needs {@code inLength >= outLength}. */
    public static AxisKernel area(int inLength, int outLength, int from, int to) {
        check(inLength, outLength, from, to);
        if (inLength < outLength) throw new IllegalArgumentException("area averaging shrinks: " + inLength + " -> " + outLength);
        double s = (double) inLength / outLength;
        int n = to - from;
        int[] starts = new int[n], offsets = new int[n + 1];
        double[] w = new double[n * ((int) Math.ceil(s) + 2)];
        int k = 0;
        for (int j = from; j < to; j++) {
            // exact integer ends when s divides: j * inLength / outLength as a fraction
            double a = (double) j * inLength / outLength, b = (double) (j + 1) * inLength / outLength;
            int i0 = (int) Math.floor(a), i1 = Math.min(inLength, (int) Math.ceil(b));
            starts[j - from] = i0;
            offsets[j - from] = k;
            for (int i = i0; i < i1; i++) {
                double overlap = Math.min(i + 1, b) - Math.max(i, a);
                w[k++] = overlap / s;
            }
            offsets[j - from + 1] = k;
        }
        return new AxisKernel(from, starts, offsets, java.util.Arrays.copyOf(w, k));
    }

    /** Linear-interpolation weights (see the class comment); any lengths. */
    public static AxisKernel bilinear(int inLength, int outLength, int from, int to) {
        check(inLength, outLength, from, to);
        double s = (double) inLength / outLength;
        int n = to - from;
        int[] starts = new int[n], offsets = new int[n + 1];
        double[] w = new double[2 * n];
        int k = 0;
        for (int j = from; j < to; j++) {
            double u = Math.max(0, Math.min(inLength - 1, (j + 0.5) * s - 0.5));
            int i0 = (int) Math.floor(u);
            double t = u - i0;
            starts[j - from] = i0;
            offsets[j - from] = k;
            w[k++] = 1 - t;
            if (t > 0 && i0 + 1 < inLength) w[k++] = t;
            offsets[j - from + 1] = k;
        }
        return new AxisKernel(from, starts, offsets, java.util.Arrays.copyOf(w, k));
    }

    private static void check(int inLength, int outLength, int from, int to) {
        if (inLength < 1 || outLength < 1 || from < 0 || to > outLength || from >= to)
            throw new IllegalArgumentException("bad axis: " + inLength + " -> " + outLength + ", outputs " + from + ".." + to);
    }

    /** First output pixel. */
    public int from() { return from; }

    /** Number of output pixels. */
    public int size() { return starts.length; }

    /** First input pixel of output pixel {@code from + k}. */
    public int start(int k) { return starts[k]; }

    /** Number of input pixels of output pixel {@code from + k}. */
    public int length(int k) { return offsets[k + 1] - offsets[k]; }

    /** Weight of input pixel {@code start(k) + i} for output pixel {@code from + k}. */
    public double weight(int k, int i) { return weights[offsets[k] + i]; }

    /** First input pixel any of these outputs needs. */
    public int inputStart() { return starts[0]; }

    /** One past the last input pixel any of these outputs needs. */
    public int inputEnd() {
        int end = 0;
        for (int k = 0; k < starts.length; k++) end = Math.max(end, starts[k] + length(k));
        return end;
    }
}
