package org.aerolux.calibration;

/**
 * Streams the NACL penalty over an image given as consecutive bands of rows, keeping only a k-row window of
 * labels and (k/2 + 1) rows of logits: memory O(k x W + C x W) whatever the height. The caller needs no halo:
 * rows are buffered until the (k/2) rows below them have arrived, and {@link #finish()} closes the bottom border.
 *
 * <p>Definition (Murugesan et al., MICCAI 2023; read from the authors' code, Bala93/MarginLoss
 * {@code calibrate/losses/spatial_adaptive_margin.py}, kernel_ops 'mean'): tau_c(x, y) is the fraction of the
 * k x k window centred on (x, y) whose ground truth is class c. The authors build the window with
 * {@code torch.nn.Unfold(padding=k//2)} on the label map, so window positions outside the image carry label 0 and
 * count as class 0. The penalty is the mean over classes and pixels of |tau - z| (distance 'l1') or
 * (tau - z)^2 ('l2'), z the raw logits ({@code is_softmax=False}, the default). MONAI's {@code NACLLoss} filters
 * the one-hot map with a MeanFilter instead; its border handling was not checked here and may differ.
 *
 * <p>Pixels outside the validity mask or carrying the ignore label are not centres of the mean, and as
 * neighbours they count for no class (as a 255 label does in the authors' unfold, which matches no class).
 */
public final class NaclPenaltyAccumulator {
    private static final int NO_CLASS = -1;
    private final int width, numClasses, k, half, ignoreLabel;
    private final int[][] labelRing;     // k rows, indexed by row % k; NO_CLASS for invalid/ignored
    private final float[][] logitRing;   // half + 1 rows of class-major (C, W) logits, indexed by row % (half + 1)
    private final int[] columnCounts;    // per processed row: class-major (C, W) counts over the k rows
    private long rowsIn, rowsOut;        // rows received, rows whose penalty is done
    private double l1, l2;
    private long pixels;
    private boolean finished;

    /**
     * @param width       image width W
     * @param numClasses  C
     * @param kernelSize  odd window size k (3 in NACL)
     * @param ignoreLabel label value that marks unlabelled pixels (255)
     */
    public NaclPenaltyAccumulator(int width, int numClasses, int kernelSize, int ignoreLabel) {
        if (width < 1) throw new IllegalArgumentException("width must be positive, got " + width);
        if (numClasses < 2) throw new IllegalArgumentException("need at least 2 classes, got " + numClasses);
        if (kernelSize < 1 || kernelSize % 2 == 0) throw new IllegalArgumentException("kernel size must be odd, got " + kernelSize);
        this.width = width;
        this.numClasses = numClasses;
        this.k = kernelSize;
        this.half = kernelSize / 2;
        this.ignoreLabel = ignoreLabel;
        this.labelRing = new int[k][width];
        this.logitRing = new float[half + 1][numClasses * width];
        this.columnCounts = new int[numClasses * width];
    }

    /**
     * Adds the next {@code rows} rows of the image.
     *
     * @param logits class-major logits of the band, (C, rows, W): {@code logits[(c * rows + r) * W + x]}
     * @param labels labels of the band, (rows, W)
     * @param valid  validity mask of the band (rows, W), or null for all valid
     */
    public void accept(float[] logits, int[] labels, boolean[] valid, int rows) {
        if (finished) throw new IllegalStateException("accumulator already finished");
        long n = (long) rows * width;
        if (logits.length < n * numClasses || labels.length < n || (valid != null && valid.length < n))
            throw new IllegalArgumentException("band arrays too small for " + rows + " rows of width " + width + " and " + numClasses + " classes");
        for (int r = 0; r < rows; r++) {
            long row = rowsIn;
            int[] lab = labelRing[(int) (row % k)];
            for (int x = 0; x < width; x++) {
                int i = r * width + x;
                int y = labels[i];
                if ((valid != null && !valid[i]) || y == ignoreLabel) lab[x] = NO_CLASS;
                else if (y < 0 || y >= numClasses)
                    throw new IllegalArgumentException("label " + y + " at row " + row + ", column " + x
                            + " is not a class 0.." + (numClasses - 1) + " nor the ignore label " + ignoreLabel);
                else lab[x] = y;
            }
            float[] z = logitRing[(int) (row % (half + 1))];
            for (int c = 0; c < numClasses; c++)
                System.arraycopy(logits, (c * rows + r) * width, z, c * width, width);
            rowsIn++;
            if (rowsIn - 1 - half >= 0) processRow(rowsIn - 1 - half);
        }
    }

    /** Closes the bottom border and returns the penalty (NaN values when no pixel was a centre). */
    public NaclPenalty finish() {
        if (!finished) {
            finished = true;
            while (rowsOut < rowsIn) processRow(rowsOut);
        }
        return new NaclPenalty(pixels == 0 ? Double.NaN : l1 / (pixels * (double) numClasses),
                pixels == 0 ? Double.NaN : l2 / (pixels * (double) numClasses), pixels, k);
    }

    private void processRow(long row) {
        // vertical counts per column over rows row-half .. row+half; rows outside the image are padding = class 0
        java.util.Arrays.fill(columnCounts, 0);
        for (long rr = row - half; rr <= row + half; rr++) {
            boolean outside = rr < 0 || rr >= rowsIn;   // only reached for rr >= rowsIn from finish()
            if (outside) {
                for (int x = 0; x < width; x++) columnCounts[x]++;   // class 0
                continue;
            }
            int[] lab = labelRing[(int) (rr % k)];
            for (int x = 0; x < width; x++) if (lab[x] != NO_CLASS) columnCounts[lab[x] * width + x]++;
        }
        int[] centre = labelRing[(int) (row % k)];
        float[] z = logitRing[(int) (row % (half + 1))];
        double area = (double) k * k;
        for (int x = 0; x < width; x++) {
            if (centre[x] == NO_CLASS) continue;
            boolean finite = true;
            for (int c = 0; c < numClasses; c++) finite &= Float.isFinite(z[c * width + x]);
            if (!finite) continue;
            for (int c = 0; c < numClasses; c++) {
                int count = 0;
                for (int xx = x - half; xx <= x + half; xx++) {
                    if (xx < 0 || xx >= width) { if (c == 0) count += k; }  // padded column: k rows of class 0
                    else count += columnCounts[c * width + xx];
                }
                double d = count / area - z[c * width + x];
                l1 += Math.abs(d);
                l2 += d * d;
            }
            pixels++;
        }
        rowsOut = row + 1;
    }
}
