package org.aerolux.segmentation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.aerolux.calibration.CalibrationAggregate;
import org.aerolux.calibration.CalibrationOptions;
import org.aerolux.calibration.CalibrationReport;
import org.aerolux.calibration.ImageCalibrationAccumulator;
import org.aerolux.calibration.TemperatureFit;
import org.aerolux.calibration.TemperatureSampler;
import org.aerolux.core.BadInputException;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.pipeline.ProgressListener;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.Georeference;
import org.aerolux.segmentation.area.PixelAreaModel;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;

/**
 * Calibration of a segmentation model on a labelled image, with the calibration module's NACL-protocol metrics:
 * one pass at the segmenter's temperature T0 measures ECE, CECE, NLL, Brier and the reliability diagram and
 * samples labelled pixels to fit a temperature; a second pass at the fitted temperature measures the same
 * metrics again, exactly as {@code segment --temperature T} would produce the probabilities. Both passes blend
 * probabilities over tiles as {@code segment} does.
 *
 * <p>The fit runs on the sampled probabilities p of the first pass as softmax(log p / T'), which equals
 * softmax(z / (T0 T')) wherever a pixel comes from one tile; the fitted temperature is reported as T0 T'.
 */
public final class LabelledCalibration {
    /** Pixels the temperature is fitted on (a uniform sample of the labelled pixels). */
    public static final int SAMPLE_PIXELS = 200_000;
    /** Seed of the sample, for reproducible fits. */
    public static final long SEED = 42;

    private LabelledCalibration() {}

    /** The metrics at one temperature. */
    public record Pass(double temperature, CalibrationReport report, SegmentationResult run) {}

    /**
     * @param before            metrics at the segmenter's temperature
     * @param fit               the fit relative to that temperature (its value is T')
     * @param fittedTemperature the absolute fitted temperature T0 T'
     * @param after             metrics at the fitted temperature
     * @param elapsed           wall time of both passes
     */
    public record Result(Pass before, TemperatureFit fit, double fittedTemperature, Pass after, Duration elapsed) {}

    /**
     * Runs both passes.
     *
     * @throws BadInputException naming the label file when its size, band count or values do not fit
     */
    public static Result run(Segmenter segmenter, RasterSource image, String imageName, RasterSource labels, Path labelsFile,
                             CalibrationOptions options, ProgressListener progress, Cancellation cancellation) {
        long t0 = System.nanoTime();
        checkLabels(image.info(), labels.info(), labelsFile);
        int c = segmenter.model().card().classCount();
        double tBefore = segmenter.temperature();
        TemperatureSampler sampler = new TemperatureSampler(c, SAMPLE_PIXELS, SEED, options);
        Pass before = pass(segmenter, tBefore, image, imageName, labels, labelsFile, options, sampler, progress, cancellation);
        if (sampler.eligiblePixels() == 0)
            throw new BadInputException(labelsFile, "no labelled pixel to evaluate: every label is " + options.ignoreLabel()
                    + " (ignore)" + (options.foregroundOnly() ? " or background (--foreground-only)" : "")
                    + " or lies on nodata of the image");
        TemperatureFit fit = sampler.fit();
        double tAfter = tBefore * fit.temperature();
        Pass after = pass(segmenter, tAfter, image, imageName, labels, labelsFile, options, null, progress, cancellation);
        return new Result(before, fit, tAfter, after, Duration.ofNanos(System.nanoTime() - t0));
    }

    private static Pass pass(Segmenter s, double temperature, RasterSource image, String imageName, RasterSource labels,
                             Path labelsFile, CalibrationOptions options, TemperatureSampler sampler, ProgressListener progress,
                             Cancellation cancellation) {
        int c = s.model().card().classCount();
        ImageCalibrationAccumulator acc = new ImageCalibrationAccumulator(c, options);
        GroundTruthListener gt = new GroundTruthListener(labels, labelsFile, s.model().card().name(), c, options, acc, sampler);
        SegmentationResult run = s.runAt(temperature, image, SegmentationSinks.builder().build(), PixelAreaModel.of(Georeference.NONE), progress,
                cancellation, List.of(gt), null);
        CalibrationAggregate aggregate = new CalibrationAggregate(c, options);
        aggregate.add(acc.finish(imageName));
        return new Pass(temperature, aggregate.report(), run);
    }

    /** Same size, one band, and (when both are georeferenced) the same grid origin within half a pixel. */
    static void checkLabels(RasterInfo image, RasterInfo labels, Path labelsFile) {
        if (image.width() != labels.width() || image.height() != labels.height())
            throw new BadInputException(labelsFile, "the labels are " + labels.width() + " x " + labels.height()
                    + " pixels but the image is " + image.width() + " x " + image.height() + "; they must cover the same grid");
        if (labels.bandCount() != 1)
            throw new BadInputException(labelsFile, "the labels must be one band of class indices; this raster has "
                    + labels.bandCount() + " bands");
        if (image.georeference().transform().isPresent() && labels.georeference().transform().isPresent()) {
            Affine a = image.georeference().transform().get(), b = labels.georeference().transform().get();
            double px = Math.sqrt(a.pixelArea());
            if (Math.hypot(a.originX() - b.originX(), a.originY() - b.originY()) > px / 2)
                throw new BadInputException(labelsFile, "the labels' grid starts at (" + b.originX() + ", " + b.originY()
                        + ") but the image's at (" + a.originX() + ", " + a.originY() + "); they must cover the same grid");
        }
    }
}
