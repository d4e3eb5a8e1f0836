package org.aerolux.calibration;

/** Which classes the class-wise ECE (CECE) of one image averages over. */
public enum CeceClasses {
    /**
     * The NACL authors' choice (Bala93/MarginLoss ClasswiseECELoss): classes 0 .. max(label) of the evaluated
     * pixels of the image, {@code num_classes = max(labels) + 1}. Classes in that range that no evaluated pixel
     * carries still count (their ECE compares the predicted probability with an all-zero indicator); classes above
     * the largest label present do not. In foreground-only mode class 0 is therefore included although no
     * evaluated pixel is background.
     */
    UP_TO_MAX_LABEL,
    /** Every class 0 .. C-1. */
    ALL,
    /** Only the classes carried by at least one evaluated pixel of the image. */
    PRESENT
}
