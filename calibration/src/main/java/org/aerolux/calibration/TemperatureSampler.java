package org.aerolux.calibration;

import java.util.SplittableRandom;

/**
 * Keeps a uniform random sample of at most {@code capacity} labelled pixels (their C logits and label) across
 * any number of blocks and images, then fits a temperature on it with {@link TemperatureFitter}. Memory is
 * {@code capacity x (C + 1) x 4} bytes, whatever the number of pixels seen.
 *
 * <p>Sampling is reservoir sampling, Li's "Algorithm L" (ACM TOMS 1994), which draws random numbers only when a
 * pixel enters the sample. It is seeded and deterministic: the same pixels in the same order give the same
 * sample, however they are cut into blocks.
 *
 * <p>Eligible pixels: inside the validity mask, label a class (not the ignore label), finite scores, and in
 * foreground-only mode not background. Probabilities are turned into logits as log(max(p, 1e-15)), so that
 * softmax(log p / T) is p^(1/T) renormalised.
 */
public final class TemperatureSampler {
    private final int numClasses;
    private final int capacity;
    private final CalibrationOptions options;
    private final SplittableRandom random;
    private final float[] logits;   // pixel-major: logits[s * C + c]
    private final int[] labels;
    private long eligible;          // eligible pixels seen so far
    private long nextReplace;       // eligible index of the next pixel to enter a full reservoir
    private double w;               // Algorithm L's running W

    public TemperatureSampler(int numClasses, int capacity, long seed, CalibrationOptions options) {
        if (numClasses < 2) throw new IllegalArgumentException("need at least 2 classes, got " + numClasses);
        if (capacity < 1) throw new IllegalArgumentException("sample capacity must be positive, got " + capacity);
        if ((long) capacity * numClasses > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException("sample too large: " + capacity + " x " + numClasses);
        this.numClasses = numClasses;
        this.capacity = capacity;
        this.options = options;
        this.random = new SplittableRandom(seed);
        this.logits = new float[capacity * numClasses];
        this.labels = new int[capacity];
    }

    /** Offers every eligible pixel of a block to the sample. */
    public void accept(PixelBlock block) {
        if (block.numClasses() != numClasses)
            throw new IllegalArgumentException("block has " + block.numClasses() + " classes, expected " + numClasses);
        int[] y = block.labels();
        int ignore = options.ignoreLabel();
        for (int i = 0, n = block.size(); i < n; i++) {
            if (!block.isValid(i) || y[i] == ignore) continue;
            if (y[i] < 0 || y[i] >= numClasses)
                throw new IllegalArgumentException("label " + y[i] + " at pixel " + i + " of the block is not a class 0.."
                        + (numClasses - 1) + " nor the ignore label " + ignore);
            if (!options.evaluates(y[i]) || !finite(block, i)) continue;
            long index = eligible++;
            if (index < capacity) {
                store((int) index, block, i);
                if (index == capacity - 1) {
                    w = Math.exp(Math.log(uniform()) / capacity);
                    nextReplace = capacity + skip();
                }
            } else if (index == nextReplace) {
                store(random.nextInt(capacity), block, i);
                w *= Math.exp(Math.log(uniform()) / capacity);
                nextReplace = nextReplace + skip() + 1;
            }
        }
    }

    /** Labelled pixels seen so far. */
    public long eligiblePixels() {
        return eligible;
    }

    /** Pixels currently in the sample. */
    public int sampleSize() {
        return (int) Math.min(eligible, capacity);
    }

    /** Fits T over [0.05, 20] on the sample. */
    public TemperatureFit fit() {
        return fit(TemperatureFitter.DEFAULT_MIN, TemperatureFitter.DEFAULT_MAX);
    }

    /** Fits T over [tMin, tMax] on the sample. */
    public TemperatureFit fit(double tMin, double tMax) {
        int n = sampleSize();
        if (n == 0) throw new IllegalStateException("no labelled pixel to fit a temperature on");
        TemperatureFit f = TemperatureFitter.fit(logits, labels, n, numClasses, tMin, tMax);
        return new TemperatureFit(f.temperature(), f.nllBefore(), f.nllAfter(), n, eligible, f.iterations(), f.atBound());
    }

    /** Copy of the sampled logits, pixel-major (sample i, class c at i * C + c); for tests. */
    float[] sampledLogits() {
        return java.util.Arrays.copyOf(logits, sampleSize() * numClasses);
    }

    /** Copy of the sampled labels; for tests. */
    int[] sampledLabels() {
        return java.util.Arrays.copyOf(labels, sampleSize());
    }

    private void store(int slot, PixelBlock block, int i) {
        int base = slot * numClasses;
        for (int c = 0; c < numClasses; c++) {
            float s = block.score(c, i);
            logits[base + c] = block.kind() == ScoreKind.LOGITS ? s
                    : (float) Math.log(Math.max(s, Softmax.PROBABILITY_FLOOR));
        }
        labels[slot] = block.labels()[i];
    }

    private static boolean finite(PixelBlock block, int i) {
        for (int c = 0; c < block.numClasses(); c++) if (!Float.isFinite(block.score(c, i))) return false;
        return true;
    }

    /** A uniform number in (0, 1]. */
    private double uniform() {
        return 1.0 - random.nextDouble();
    }

    /** Algorithm L's geometric skip floor(log(u) / log(1 - W)), saturated. */
    private long skip() {
        double s = Math.floor(Math.log(uniform()) / Math.log1p(-w));
        return s >= 1e15 || Double.isNaN(s) ? (long) 1e15 : (long) s;
    }
}
