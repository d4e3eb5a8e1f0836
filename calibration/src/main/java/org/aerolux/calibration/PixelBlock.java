package org.aerolux.calibration;

import java.util.Objects;

/**
 * A block of {@code size} pixels (for example a band of image rows, flattened row by row) with per-class
 * scores, ground-truth labels and an optional validity mask.
 *
 * <p>Scores are class-major: the score of class {@code c} at pixel {@code i} is {@code scores[c * size + i]},
 * the layout of a (C, rows, width) tensor or of one raster band per class. Pixels whose {@code valid} entry is
 * false (nodata) are skipped by every consumer; {@code valid == null} means all pixels are valid.
 *
 * @param scores     class-major scores, at least {@code numClasses * size} values
 * @param kind       logits or probabilities
 * @param numClasses number of classes C (at least 2)
 * @param size       number of pixels in the block
 * @param labels     ground-truth class per pixel (0..C-1, or the ignore label), at least {@code size} values
 * @param valid      validity mask (true = use the pixel), or null for "all valid"
 */
public record PixelBlock(float[] scores, ScoreKind kind, int numClasses, int size, int[] labels, boolean[] valid) {

    public PixelBlock {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(labels, "labels");
        if (numClasses < 2) throw new IllegalArgumentException("need at least 2 classes, got " + numClasses);
        if (size < 0) throw new IllegalArgumentException("negative block size " + size);
        if ((long) numClasses * size > scores.length)
            throw new IllegalArgumentException("scores hold " + scores.length + " values, need " + numClasses + " x " + size);
        if (labels.length < size)
            throw new IllegalArgumentException("labels hold " + labels.length + " values, need " + size);
        if (valid != null && valid.length < size)
            throw new IllegalArgumentException("validity mask holds " + valid.length + " values, need " + size);
    }

    /** A block of class-major logits, all pixels valid. */
    public static PixelBlock ofLogits(float[] logits, int numClasses, int[] labels) {
        return new PixelBlock(logits, ScoreKind.LOGITS, numClasses, labels.length, labels, null);
    }

    /** A block of class-major probabilities, all pixels valid. */
    public static PixelBlock ofProbabilities(float[] probabilities, int numClasses, int[] labels) {
        return new PixelBlock(probabilities, ScoreKind.PROBABILITIES, numClasses, labels.length, labels, null);
    }

    /** The same block with a validity mask (true = use the pixel). */
    public PixelBlock withValid(boolean[] mask) {
        return new PixelBlock(scores, kind, numClasses, size, labels, mask);
    }

    /** Score of class {@code c} at pixel {@code i}. */
    public float score(int c, int i) {
        return scores[c * size + i];
    }

    /** Whether pixel {@code i} is inside the validity mask. */
    public boolean isValid(int i) {
        return valid == null || valid[i];
    }
}
