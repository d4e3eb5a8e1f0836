package org.aerolux.calibration;

/**
 * Accumulates the calibration metrics of ONE image over blocks of pixels, in memory bounded by
 * O(C x bins) whatever the image size. Feed every block of the image with {@link #accept}, then call
 * {@link #finish}. Not thread-safe; use one accumulator per image (per thread).
 *
 * <p>The protocol follows the NACL authors' test code (Bala93/MarginLoss,
 * {@code calibrate/evaluation/calib_segment_test.py}, {@code CalibSegmentEvaluator}): the pixels of one test
 * image (in foreground-only mode those whose ground truth is not background) are pooled, ECE and CECE are
 * computed on them with {@code metrics.ECELoss} / {@code ClasswiseECELoss} (15 bins, see
 * {@link ConfidenceBins}), and the per-image values are then averaged over images
 * ({@link CalibrationAggregate}). Where this class departs from that code:
 * <ul>
 *   <li>probabilities are computed in double precision (the authors use float32);</li>
 *   <li>per-image values are not rounded (the authors round them to 4 decimals before averaging);</li>
 *   <li>pixels with the ignore label or outside the validity mask are skipped (the authors' evaluator does not
 *       drop its ignore index in that code path);</li>
 *   <li>NLL (mean -log p_y, as {@code nn.CrossEntropyLoss}) and Brier (sum over classes of (p_c - onehot_c)^2,
 *       averaged over pixels) are computed on the same pixels and averaged over images in the same way; the
 *       authors' test path reports neither.</li>
 * </ul>
 * Prediction = argmax with ties to the lowest class; accuracy = prediction equals the label.
 */
public final class ImageCalibrationAccumulator {
    private final int numClasses;
    private final CalibrationOptions options;
    private final BinCounter maxBins;
    private final BinCounter[] classBins;
    private final long[] classPixels;
    private final double[] p;
    private long seen, evaluated, invalid, ignored, background, nonFinite;
    private double nllSum, brierSum;
    private int maxLabel = -1;
    private boolean finished;

    public ImageCalibrationAccumulator(int numClasses, CalibrationOptions options) {
        if (numClasses < 2) throw new IllegalArgumentException("need at least 2 classes, got " + numClasses);
        if (options.backgroundClass() >= numClasses)
            throw new IllegalArgumentException("background class " + options.backgroundClass() + " is not below " + numClasses);
        this.numClasses = numClasses;
        this.options = options;
        this.maxBins = new BinCounter(options.bins());
        this.classBins = new BinCounter[numClasses];
        for (int c = 0; c < numClasses; c++) classBins[c] = new BinCounter(options.bins());
        this.classPixels = new long[numClasses];
        this.p = new double[numClasses];
    }

    /**
     * Adds a block of pixels of this image.
     *
     * @throws IllegalArgumentException when the block has another class count, or a label is neither a class
     *                                  nor the ignore label (the message names the label and the pixel)
     */
    public void accept(PixelBlock block) {
        if (finished) throw new IllegalStateException("accumulator already finished");
        if (block.numClasses() != numClasses)
            throw new IllegalArgumentException("block has " + block.numClasses() + " classes, expected " + numClasses);
        int[] labels = block.labels();
        int ignore = options.ignoreLabel();
        for (int i = 0, n = block.size(); i < n; i++) {
            seen++;
            if (!block.isValid(i)) { invalid++; continue; }
            int y = labels[i];
            if (y == ignore) { ignored++; continue; }
            if (y < 0 || y >= numClasses)
                throw new IllegalArgumentException("label " + y + " at pixel " + i + " of the block is not a class 0.."
                        + (numClasses - 1) + " nor the ignore label " + ignore);
            if (!options.evaluates(y)) { background++; continue; }
            double logPy = Softmax.probabilities(block, i, y, p);
            if (Double.isNaN(logPy)) { nonFinite++; continue; }
            int pred = Softmax.argmax(p, numClasses);
            maxBins.add(p[pred], pred == y);
            double brier = 0;
            for (int c = 0; c < numClasses; c++) {
                classBins[c].add(p[c], c == y);
                double d = p[c] - (c == y ? 1.0 : 0.0);
                brier += d * d;
            }
            brierSum += brier;
            nllSum -= logPy;
            classPixels[y]++;
            if (y > maxLabel) maxLabel = y;
            evaluated++;
        }
    }

    /** The metrics of the image; the accumulator cannot be fed afterwards. */
    public ImageCalibration finish(String name) {
        finished = true;
        PixelCounts counts = new PixelCounts(seen, evaluated, invalid, ignored, background, nonFinite);
        double[] classEce = new double[numClasses];
        java.util.Arrays.fill(classEce, Double.NaN);
        if (evaluated == 0)
            return new ImageCalibration(name, numClasses, counts, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    classEce, classPixels, maxBins.toDiagram(0));
        double ceceSum = 0;
        int ceceCount = 0;
        for (int c = 0; c < numClasses; c++) {
            if (!inCeceSet(c)) continue;
            classEce[c] = classBins[c].ece(evaluated);
            ceceSum += classEce[c];
            ceceCount++;
        }
        return new ImageCalibration(name, numClasses, counts, maxBins.ece(evaluated), ceceSum / ceceCount,
                nllSum / evaluated, brierSum / evaluated, classEce, classPixels, maxBins.toDiagram(evaluated));
    }

    private boolean inCeceSet(int c) {
        return switch (options.ceceClasses()) {
            case UP_TO_MAX_LABEL -> c <= maxLabel;
            case ALL -> true;
            case PRESENT -> classPixels[c] > 0;
        };
    }
}
