package org.aerolux.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.aerolux.core.io.OutputFolders;
import org.aerolux.calibration.CalibrationOptions;
import org.aerolux.calibration.CalibrationReport;
import org.aerolux.core.BadInputException;
import org.aerolux.core.model.RegistryLocation;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.pipeline.ProgressListener;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.core.raster.Rasters;
import org.aerolux.segmentation.CalibrationOutputs;
import org.aerolux.segmentation.LabelledCalibration;
import org.aerolux.segmentation.Segmenter;
import org.aerolux.segmentation.Temperature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code aerolux calibrate --model M --input IMG --labels GT.tif --output DIR [--bins 15] [--foreground-only]}. */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Calibration report of a segmentation model on a labelled image: ECE, class-wise ECE, NLL and Brier"
                + " (NACL protocol, equal-width bins), a fitted temperature, and the same metrics at that temperature.",
                "Writes DIR/calibration.json and DIR/reliability.png (reliability diagrams before and after).",
                "GT.tif: one band of class indices of the model, 255 = unlabelled; the same size as IMG.",
                "Exit codes: 0 done, 2 usage, 3 bad input, 4 bad or missing model, 5 device, 130 cancelled."})
final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "IMG", description = "the image (GeoTIFF)")
    Path input;

    @Option(names = "--labels", required = true, paramLabel = "GT.tif",
            description = "ground truth: uint8 class indices, 255 = unlabelled (ignored)")
    Path labels;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "output folder (created when missing)")
    Path output;

    @Option(names = "--bins", paramLabel = "N", defaultValue = "15", description = "equal-width confidence bins (default ${DEFAULT-VALUE})")
    int bins;

    @Option(names = "--foreground-only", description = "evaluate only pixels whose label is not background (class 0), as NACL does")
    boolean foregroundOnly;

    @Mixin
    ModelRunOptions run;

    @Option(names = "--temperature", paramLabel = "T|auto", defaultValue = "auto",
            description = "temperature of the first evaluation; auto = the model card's value (default). The fitted"
                    + " temperature is absolute: pass it to 'segment --temperature'")
    String temperature;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        if (bins < 1 || bins > 1000) throw new org.aerolux.core.UsageException(null, "--bins must be between 1 and 1000, got " + bins);
        CalibrationOptions options = CalibrationOptions.builder().bins(bins).foregroundOnly(foregroundOnly).build();
        var segOptions = run.segmentation().temperature(Temperature.parse(temperature)).outputs(java.util.Set.of()).build();
        if (!Files.isRegularFile(input)) throw new BadInputException(input, "input not found");
        if (!Files.isRegularFile(labels)) throw new BadInputException(labels, "labels not found");
        try (Segmenter segmenter = Segmenter.open(segOptions, RegistryLocation.load(AeroLuxCli.class));
             RasterSource image = Rasters.open(input);
             RasterSource gt = Rasters.open(labels)) {
            Path dir = OutputFolders.prepare(output, "--output");
            if (!run.quiet) err.println("aerolux: " + ModelLine.describe(segmenter));
            ProgressBar bar = ProgressBar.wanted(run.quiet) ? new ProgressBar(err, input.getFileName().toString()) : null;
            LabelledCalibration.Result r;
            try {
                r = LabelledCalibration.run(segmenter, image, input.getFileName().toString(), gt, labels, options,
                        bar == null ? ProgressListener.NONE : bar, new Cancellation());
            } catch (org.aerolux.core.AeroLuxException e) {
                throw e.file() == null ? new BadInputException(input, e.getMessage(), e) : e;
            } finally {
                if (bar != null) bar.end();
            }
            Path[] files = CalibrationOutputs.write(segmenter, input, labels, r, dir);
            if (!run.quiet) print(out, r, files);
        }
        return 0;
    }

    private static void print(PrintWriter out, LabelledCalibration.Result r, Path[] files) {
        CalibrationReport b = r.before().report(), a = r.after().report();
        out.println(String.format(Locale.ROOT, "%d pixels evaluated (%s, %d bins)", b.counts().evaluated(),
                b.options().foregroundOnly() ? "foreground only" : "all labelled pixels", b.options().bins()));
        out.println(String.format(Locale.ROOT, "%-22s %10s %10s", "", "before", "fitted"));
        out.println(String.format(Locale.ROOT, "%-22s %10.4f %10.4f", "temperature", r.before().temperature(), r.fittedTemperature()));
        out.println(String.format(Locale.ROOT, "%-22s %10.4f %10.4f", "ECE", b.ece(), a.ece()));
        out.println(String.format(Locale.ROOT, "%-22s %10.4f %10.4f", "class-wise ECE", b.cece(), a.cece()));
        out.println(String.format(Locale.ROOT, "%-22s %10.4f %10.4f", "NLL", b.nll(), a.nll()));
        out.println(String.format(Locale.ROOT, "%-22s %10.4f %10.4f", "Brier", b.brier(), a.brier()));
        if (r.fit().atBound()) out.println("note: the fitted temperature stopped at a bound of its search range");
        out.println("-> " + files[0] + ", " + files[1]);
        out.flush();
    }
}
