package org.aerolux.segmentation;

import java.nio.file.Path;
import net.imglib2.Cursor;
import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.aerolux.calibration.CalibrationOptions;
import org.aerolux.calibration.ImageCalibrationAccumulator;
import org.aerolux.calibration.PixelBlock;
import org.aerolux.calibration.ScoreKind;
import org.aerolux.calibration.TemperatureSampler;
import org.aerolux.core.BadInputException;
import org.aerolux.core.pipeline.BlockConsumer;
import org.aerolux.core.pipeline.OutputBlock;
import org.aerolux.core.raster.RasterSource;

/**
 * Pairs each block of blended probabilities with the same rows of a ground-truth label raster and feeds the
 * calibration accumulators. Labels are class indices; the ignore label (255) and the label raster's own nodata
 * value are skipped, as are nodata pixels of the image. Any other value that is not a class of the model is a
 * {@link BadInputException} naming the label file, the value and the pixel.
 */
final class GroundTruthListener implements BlockConsumer {
    private final RasterSource labels;
    private final Path labelsFile;
    private final String modelName;
    private final int classes;
    private final int ignore;
    private final double labelNodata;
    private final ImageCalibrationAccumulator accumulator;
    private final TemperatureSampler sampler;

    GroundTruthListener(RasterSource labels, Path labelsFile, String modelName, int classes, CalibrationOptions options,
                        ImageCalibrationAccumulator accumulator, TemperatureSampler sampler) {
        this.labels = labels;
        this.labelsFile = labelsFile;
        this.modelName = modelName;
        this.classes = classes;
        this.ignore = options.ignoreLabel();
        this.labelNodata = labels.info().nodata().get(0).orElse(Double.NaN);
        this.accumulator = accumulator;
        this.sampler = sampler;
    }

    @Override
    public void accept(OutputBlock block) {
        int w = block.width(), h = block.height(), n = w * h;
        RandomAccessibleInterval<FloatType> rows = labels.read(new FinalInterval(new long[] {0, block.minY()},
                new long[] {w - 1, block.minY() + h - 1}), 0);
        int[] y = new int[n];
        Cursor<FloatType> c = Views.flatIterable(rows).cursor();
        for (int i = 0; i < n; i++) {
            float v = c.next().get();
            if (v == labelNodata || v == ignore || Float.isNaN(v)) {
                y[i] = ignore;
                continue;
            }
            if (v != Math.rint(v) || v < 0 || v >= classes)
                throw new BadInputException(labelsFile, "label " + format(v) + " at pixel (" + (i % w) + ", " + (block.minY() + i / w)
                        + ") is not a class of model '" + modelName + "' (0.." + (classes - 1) + ") nor " + ignore + " (ignore)");
            y[i] = (int) v;
        }
        boolean[] valid = new boolean[n];
        byte[] mask = block.valid();
        for (int i = 0; i < n; i++) valid[i] = mask[i] != 0;
        PixelBlock pixels = new PixelBlock(block.data(), ScoreKind.PROBABILITIES, classes, n, y, valid);
        accumulator.accept(pixels);
        if (sampler != null) sampler.accept(pixels);
    }

    private static String format(float v) { return v == Math.rint(v) ? Long.toString((long) v) : Float.toString(v); }
}
