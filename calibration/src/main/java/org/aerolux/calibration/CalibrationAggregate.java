package org.aerolux.calibration;

import java.util.ArrayList;
import java.util.List;

/**
 * Averages per-image results over a data set, the NACL authors' way: each image's ECE / CECE (and here NLL and
 * Brier) counts once, whatever its pixel count ({@code CalibSegmentEvaluator.mean_score}: a plain mean over
 * images). Images with no evaluated pixel are left out and counted; the authors' code would score such an image
 * ECE 0 (an empty mean is NaN and fails their {@code > 0} test) and fail on its CECE.
 */
public final class CalibrationAggregate {
    private final int numClasses;
    private final CalibrationOptions options;
    private final List<ImageCalibration> images = new ArrayList<>();

    public CalibrationAggregate(int numClasses, CalibrationOptions options) {
        this.numClasses = numClasses;
        this.options = options;
    }

    /** Adds the result of one image. */
    public void add(ImageCalibration image) {
        if (image.numClasses() != numClasses)
            throw new IllegalArgumentException("image " + image.name() + " has " + image.numClasses() + " classes, expected " + numClasses);
        if (image.diagram().bins().size() != options.bins())
            throw new IllegalArgumentException("image " + image.name() + " was binned with another bin count");
        images.add(image);
    }

    /** The report over the images added so far (metrics NaN when none had pixels). */
    public CalibrationReport report() {
        int used = 0;
        double ece = 0, cece = 0, nll = 0, brier = 0, nllSum = 0, brierSum = 0;
        double[] classEceSum = new double[numClasses];
        int[] classEceImages = new int[numClasses];
        long[] classPixels = new long[numClasses];
        PixelCounts counts = PixelCounts.ZERO;
        ReliabilityDiagram pooled = ReliabilityDiagram.empty(options.bins());
        for (ImageCalibration im : images) {
            counts = counts.plus(im.counts());
            if (!im.hasPixels()) continue;
            used++;
            ece += im.ece();
            cece += im.cece();
            nll += im.nll();
            brier += im.brier();
            long n = im.counts().evaluated();
            nllSum += im.nll() * n;
            brierSum += im.brier() * n;
            double[] ce = im.classEce();
            long[] cp = im.classPixels();
            for (int c = 0; c < numClasses; c++) {
                classPixels[c] += cp[c];
                if (!Double.isNaN(ce[c])) { classEceSum[c] += ce[c]; classEceImages[c]++; }
            }
            pooled = pooled.plus(im.diagram());
        }
        double[] classEce = new double[numClasses];
        for (int c = 0; c < numClasses; c++) classEce[c] = classEceImages[c] == 0 ? Double.NaN : classEceSum[c] / classEceImages[c];
        double nan = Double.NaN;
        long total = counts.evaluated();
        return new CalibrationReport(numClasses, options, used, images.size() - used,
                used == 0 ? nan : ece / used, used == 0 ? nan : cece / used,
                used == 0 ? nan : nll / used, used == 0 ? nan : brier / used,
                used == 0 ? nan : pooled.ece(), total == 0 ? nan : nllSum / total, total == 0 ? nan : brierSum / total,
                classEce, classPixels, counts, pooled, images, null, null);
    }
}
