package org.aerolux.plugins;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.Plot;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.aerolux.calibration.CalibrationOptions;
import org.aerolux.calibration.CalibrationReport;
import org.aerolux.calibration.ReliabilityBin;
import org.aerolux.core.UsageException;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.plugins.image.ImageSources;
import org.aerolux.segmentation.LabelledCalibration;
import org.aerolux.segmentation.SegmentationOptions;
import org.aerolux.segmentation.Segmenter;

/**
 * {@code AeroLux Calibration}: the calibration of a segmentation model on the current image against a ground
 * truth image ({@code labels=[image title]}, one band of class indices, same size), with the segmentation
 * module's {@link LabelledCalibration} (the code of {@code aerolux calibrate}): ECE, CECE, NLL and Brier in a
 * table titled {@value #TABLE} (never ImageJ's "Results"; see {@link Tables}), the reliability diagram as a Plot; {@code bins}; {@code foreground} evaluates foreground pixels
 * only (the NACL protocol); {@code fit} also shows the fitted temperature and the metrics at it. The model keys
 * are Segment's.
 */
public final class CalibrationCommand implements PlugIn {
    static final String TITLE = "AeroLux Calibration";
    /** The title of the metrics table. */
    static final String TABLE = "AeroLux Calibration";

    @Override
    public void run(String arg) {
        CommandRunner.run(TITLE, () -> {
            ImagePlus imp = Images.current(TITLE);
            List<String> titles = new ArrayList<>();
            for (int id : WindowManager.getIDList()) {
                ImagePlus other = WindowManager.getImage(id);
                if (other != null && other != imp) titles.add(other.getTitle());
            }
            if (titles.isEmpty() && MacroOptions.value("labels") == null)
                throw new UsageException(null, "open the ground-truth labels image too (one band of class indices)");
            GenericDialog gd = Fields.dialog(TITLE);
            gd.addChoice("Labels (ground truth image)", MacroOptions.choices("labels", titles), titles.isEmpty() ? "" : titles.get(0));
            gd.addNumericField("Bins", 15, 0);
            gd.addCheckbox("Foreground pixels only (NACL protocol)", false);
            gd.addCheckbox("Fit a temperature and show it", !MacroOptions.isMacro());
            ModelRunFields.add(gd, FijiModels.registry(), "segmentation", "farseg-demo", true);
            Fields.show(gd);
            String labelsTitle = gd.getNextChoice();
            int bins = (int) gd.getNextNumber();
            boolean foreground = gd.getNextBoolean(), fit = gd.getNextBoolean();
            ModelRunFields.Values v = ModelRunFields.read(gd, true);
            ImagePlus labels = WindowManager.getImage(labelsTitle);
            if (labels == null) throw new UsageException(null, "no open image is titled '" + labelsTitle + "' (labels=[image title])");
            if (labels.getStackSize() > 1 || labels.getBitDepth() == 24)
                throw new UsageException(null, "the labels image '" + labelsTitle + "' must be one band of class indices"
                        + (labels.getBitDepth() == 24 ? " (it is an RGB colour image)" : " (it has " + labels.getStackSize() + " slices)"));
            if (bins < 1) throw new UsageException(null, "bins must be at least 1, got " + bins);
            SegmentationOptions options = ModelRunFields.segmentation(v).build();
            CalibrationOptions co = CalibrationOptions.builder().bins(bins).foregroundOnly(foreground).build();
            calibrate(imp, labels, options, co, fit);
        });
    }

    private static void calibrate(ImagePlus imp, ImagePlus labels, SegmentationOptions options, CalibrationOptions co, boolean fit) {
        Cancellation cancel = TileProgress.start();
        TileProgress progress = new TileProgress(TITLE, cancel, "");
        IJ.showStatus(TITLE + ": loading " + options.model());
        try (Segmenter s = Segmenter.open(options, FijiModels.registry()); RasterSource image = ImageSources.of(imp);
             RasterSource truth = ImageSources.of(labels)) {
            LabelledCalibration.Result r = LabelledCalibration.run(s, image, imp.getTitle(), truth, Path.of(labels.getTitle()), co, progress, cancel);
            CalibrationReport before = r.before().report(), after = r.after().report();
            ResultsTable t = new ResultsTable(); // AeroLux's own table: the user's "Results" stay as they are
            t.setPrecision(6);
            row(t, "ECE", before.ece(), after.ece(), fit);
            row(t, "CECE", before.cece(), after.cece(), fit);
            row(t, "NLL", before.nll(), after.nll(), fit);
            row(t, "Brier", before.brier(), after.brier(), fit);
            row(t, "temperature", r.before().temperature(), r.fittedTemperature(), fit);
            row(t, "pixels evaluated", before.diagram().total(), after.diagram().total(), fit);
            Tables.show(t, TABLE);
            Plot plot = plot(before, fit ? after : null, r, fit);
            // headless (Fiji --headless, a macro): the plot as an image, which the macro can select and save
            if (GraphicsEnvironment.isHeadless()) plot.getImagePlus().show();
            else plot.show();
            IJ.showProgress(1.0);
            String line = String.format(Locale.ROOT, "%s: %s on %s vs %s: ECE %.4f, CECE %.4f, NLL %.4f, Brier %.4f at T=%s", TITLE,
                    s.model().card().name(), imp.getTitle(), labels.getTitle(), before.ece(), before.cece(), before.nll(), before.brier(),
                    SegmentCommand.fmt(r.before().temperature()));
            IJ.log(line);
            if (fit) IJ.log(String.format(Locale.ROOT, "%s: fitted temperature %s: ECE %.4f, CECE %.4f, NLL %.4f, Brier %.4f%s", TITLE,
                    SegmentCommand.fmt(r.fittedTemperature()), after.ece(), after.cece(), after.nll(), after.brier(),
                    r.fit().atBound() ? " (at the bound of the search range)" : ""));
            IJ.showStatus(TITLE + ": done");
        }
    }

    private static void row(ResultsTable t, String metric, double before, double after, boolean fit) {
        t.addRow();
        t.addValue("Metric", metric);
        t.addValue("Model temperature", before);
        if (fit) t.addValue("Fitted temperature", after);
    }

    /** Accuracy against confidence per bin, with the diagonal of perfect calibration. */
    static Plot plot(CalibrationReport before, CalibrationReport after, LabelledCalibration.Result r, boolean fit) {
        Plot p = new Plot("AeroLux reliability diagram", "confidence", "accuracy");
        p.setLimits(0, 1, 0, 1);
        p.setColor(Color.GRAY);
        p.addPoints(new double[] {0, 1}, new double[] {0, 1}, Plot.LINE);
        p.setLabel(-1, "perfect calibration");
        add(p, before, Color.RED, "T=" + SegmentCommand.fmt(r.before().temperature()) + String.format(Locale.ROOT, " (ECE %.4f)", before.ece()));
        if (after != null)
            add(p, after, Color.BLUE, "T=" + SegmentCommand.fmt(r.fittedTemperature()) + String.format(Locale.ROOT, " (ECE %.4f)", after.ece()));
        p.setColor(Color.BLACK);
        p.addLegend(null);
        return p;
    }

    private static void add(Plot p, CalibrationReport report, Color color, String label) {
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        for (ReliabilityBin b : report.diagram().bins()) {
            if (b.count() == 0) continue;
            x.add(b.meanConfidence());
            y.add(b.accuracy());
        }
        p.setColor(color);
        p.addPoints(x.stream().mapToDouble(Double::doubleValue).toArray(), y.stream().mapToDouble(Double::doubleValue).toArray(),
                Plot.CONNECTED_CIRCLES);
        p.setLabel(-1, label);
    }
}
