package org.aerolux.calibration;

/**
 * The calibration metrics of one image (all NaN when the image had no evaluated pixel).
 *
 * @param name        a name for the image (file name), free text
 * @param numClasses  C
 * @param counts      pixel bookkeeping
 * @param ece         expected calibration error of the max-probability prediction
 * @param cece        class-wise ECE averaged over the classes chosen by {@link CeceClasses}
 * @param nll         mean negative log-likelihood of the true class (nats)
 * @param brier       mean over pixels of sum over classes of (p_c - [y = c])^2
 * @param classEce    per-class ECE, NaN for classes outside this image's CECE class set
 * @param classPixels evaluated pixels per ground-truth class
 * @param diagram     reliability bins of the max-probability prediction
 */
public record ImageCalibration(String name, int numClasses, PixelCounts counts, double ece, double cece, double nll,
                               double brier, double[] classEce, long[] classPixels, ReliabilityDiagram diagram) {

    public ImageCalibration {
        classEce = classEce.clone();
        classPixels = classPixels.clone();
    }

    /** Whether any pixel of the image was evaluated (images without any are left out of averages). */
    public boolean hasPixels() {
        return counts.evaluated() > 0;
    }

    @Override public double[] classEce() { return classEce.clone(); }

    @Override public long[] classPixels() { return classPixels.clone(); }
}
