package org.aerolux.calibration;

/**
 * The NACL penalty of a labelled image: mean over classes and pixels of |tau - z| (L1) and (tau - z)^2 (L2),
 * where z are logits and tau the soft class proportions of the ground truth in a k x k window.
 * See {@link NaclPenaltyAccumulator} for the definition used.
 *
 * @param l1         mean |tau - z|
 * @param l2         mean (tau - z)^2
 * @param pixels     centre pixels that entered the mean (each contributes C terms)
 * @param kernelSize k
 */
public record NaclPenalty(double l1, double l2, long pixels, int kernelSize) {

    /** Whole image at once: class-major logits (C, H, W), labels (H, W), optional validity mask. */
    public static NaclPenalty compute(float[] logits, int[] labels, boolean[] valid, int numClasses, int height,
                                      int width, int kernelSize, int ignoreLabel) {
        NaclPenaltyAccumulator acc = new NaclPenaltyAccumulator(width, numClasses, kernelSize, ignoreLabel);
        acc.accept(logits, labels, valid, height);
        return acc.finish();
    }

    /** Whole image, all pixels valid, k = 3, ignore label 255. */
    public static NaclPenalty compute(float[] logits, int[] labels, int numClasses, int height, int width) {
        return compute(logits, labels, null, numClasses, height, width, 3, 255);
    }
}
