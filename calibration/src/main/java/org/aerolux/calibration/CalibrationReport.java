package org.aerolux.calibration;

import java.util.List;

/**
 * The calibration report of a labelled data set (one or more images), as written to calibration.json.
 *
 * <p>The headline metrics ({@code ece}, {@code cece}, {@code nll}, {@code brier}) are computed per image and
 * averaged over the images that had evaluated pixels, the NACL protocol. The {@code pooled*} values and the
 * reliability diagram pool all evaluated pixels of all images instead (identical for a single image).
 *
 * @param numClasses          C
 * @param options             what was evaluated
 * @param images              images that had evaluated pixels (entering the averages)
 * @param imagesWithoutPixels images left out because no pixel was evaluated
 * @param ece                 mean over images of the ECE
 * @param cece                mean over images of the class-wise ECE
 * @param nll                 mean over images of the mean NLL
 * @param brier               mean over images of the mean Brier score
 * @param pooledEce           ECE of all evaluated pixels together (the ECE of {@code diagram})
 * @param pooledNll           mean NLL over all evaluated pixels
 * @param pooledBrier         mean Brier score over all evaluated pixels
 * @param classEce            per class, mean over the images whose CECE included it of its class-wise ECE (NaN if none)
 * @param classPixels         evaluated pixels per ground-truth class
 * @param counts              pixel bookkeeping over all images
 * @param diagram             pooled reliability diagram of the max-probability prediction
 * @param perImage            the per-image results, in the order added
 * @param temperature         the fitted temperature, or null when none was fitted
 * @param naclPenalty         the NACL penalty, or null when not computed
 */
public record CalibrationReport(int numClasses, CalibrationOptions options, int images, int imagesWithoutPixels,
                                double ece, double cece, double nll, double brier,
                                double pooledEce, double pooledNll, double pooledBrier,
                                double[] classEce, long[] classPixels, PixelCounts counts,
                                ReliabilityDiagram diagram, List<ImageCalibration> perImage,
                                TemperatureFit temperature, NaclPenalty naclPenalty) {

    public CalibrationReport {
        classEce = classEce.clone();
        classPixels = classPixels.clone();
        perImage = List.copyOf(perImage);
    }

    @Override public double[] classEce() { return classEce.clone(); }

    @Override public long[] classPixels() { return classPixels.clone(); }

    /** This report with a fitted temperature. */
    public CalibrationReport withTemperature(TemperatureFit fit) {
        return new CalibrationReport(numClasses, options, images, imagesWithoutPixels, ece, cece, nll, brier,
                pooledEce, pooledNll, pooledBrier, classEce, classPixels, counts, diagram, perImage, fit, naclPenalty);
    }

    /** This report with a NACL penalty value. */
    public CalibrationReport withNaclPenalty(NaclPenalty penalty) {
        return new CalibrationReport(numClasses, options, images, imagesWithoutPixels, ece, cece, nll, brier,
                pooledEce, pooledNll, pooledBrier, classEce, classPixels, counts, diagram, perImage, temperature, penalty);
    }
}
