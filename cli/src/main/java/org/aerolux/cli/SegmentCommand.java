package org.aerolux.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.aerolux.core.OneLine;
import org.aerolux.core.io.OutputFolders;
import org.aerolux.core.AeroLuxException;
import org.aerolux.core.BadInputException;
import org.aerolux.core.UsageException;
import org.aerolux.core.model.ModelRegistry;
import org.aerolux.core.model.RegistryLocation;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.pipeline.ProgressListener;
import org.aerolux.segmentation.FileSegmentation;
import org.aerolux.segmentation.SegmentationOptions;
import org.aerolux.segmentation.Segmenter;
import org.aerolux.cli.options.FileRunCommand;
import org.aerolux.cli.options.SegmentOutputsMixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code aerolux segment --model M --input IN --output DIR [options]}: FarSeg segmentation of a file or a folder. */
@Command(name = "segment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"FarSeg segmentation of a GeoTIFF, or of every GeoTIFF in a folder.",
                "For IN = STEM.tif writes into DIR: STEM_labels.tif, STEM_probabilities.tif, STEM_confidence.tif,"
                        + " STEM_entropy.tif, STEM_objects.geojson (as chosen with --outputs) and STEM_aerolux.json (provenance).",
                "Inputs whose outputs exist are skipped unless --overwrite, so an interrupted folder run resumes.",
                "Exit codes: 0 done, 2 usage, 3 bad input, 4 bad or missing model, 5 device, 130 cancelled."})
final class SegmentCommand extends FileRunCommand implements Callable<Integer> {
    @Mixin
    ModelRunOptions run;

    @Mixin
    SegmentOutputsMixin writes;

    @Override
    public Integer call() {
        Path input = io.input(), output = io.output();
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        SegmentationOptions options = writes.build(run.segmentation());
        List<Path> inputs = inputs(input);
        ModelRegistry registry = RegistryLocation.load(AeroLuxCli.class);
        try (Segmenter segmenter = Segmenter.open(options, registry)) {
            Path dir = OutputFolders.prepare(output, "--output");
            if (!run.quiet) err.println("aerolux: " + ModelLine.describe(segmenter));
            FileSegmentation files = new FileSegmentation(segmenter, dir);
            AeroLuxException firstFailure = null;
            int failures = 0, index = 0;
            for (Path in : inputs) {
                index++;
                String label = inputs.size() > 1 ? "[" + index + "/" + inputs.size() + "] " + in.getFileName() : in.getFileName().toString();
                ProgressBar bar = ProgressBar.wanted(run.quiet) ? new ProgressBar(err, label) : null;
                try {
                    FileSegmentation.FileResult r = files.segment(in, bar == null ? ProgressListener.NONE : bar, new Cancellation());
                    if (bar != null) bar.end();
                    if (!run.quiet) out.println(summary(label, r));
                } catch (AeroLuxException e) {
                    if (bar != null) bar.end();
                    if (inputs.size() == 1 || !isPerFile(e, in)) throw e;
                    failures++;
                    if (firstFailure == null) firstFailure = e;
                    err.println("aerolux: " + oneLine(e.getMessage()));
                }
                out.flush();
            }
            if (firstFailure != null) {
                err.println("aerolux: " + failures + " of " + inputs.size() + " inputs failed; the others are done");
                err.flush();
                return firstFailure.exitCode().code();
            }
        }
        return 0;
    }

    /** Failures that concern one input of a folder (the others can still be done). */
    private static boolean isPerFile(AeroLuxException e, Path in) {
        return (e instanceof BadInputException || e instanceof UsageException) && in.equals(e.file());
    }

    static List<Path> inputs(Path input) {
        if (!Files.exists(input)) throw new BadInputException(input, "input not found");
        if (!Files.isDirectory(input)) return List.of(input);
        List<Path> files = FileSegmentation.rastersIn(input);
        if (files.isEmpty()) throw new BadInputException(input, "the folder holds no GeoTIFF (.tif or .tiff) to segment");
        return files;
    }

    private static String summary(String label, FileSegmentation.FileResult r) {
        if (r.skipped()) return label + ": skipped, its outputs exist (use --overwrite to redo it)";
        var p = r.result().pipeline();
        String files = r.outputs().values().stream().map(Path::toString).collect(Collectors.joining(", "));
        String backoff = p.backoff().happened() ? ", out of GPU memory: " + p.backoff().summary() : "";
        return String.format(Locale.ROOT, "%s: %d tiles (%d nodata) on %s (batch %d%s) in %.1f s, %s -> %s, %s", label, p.tilesTotal(),
                p.tilesSkipped(), p.device().device(), p.backoff().finalBatch(), backoff, r.elapsed().toMillis() / 1000.0,
                r.result().resolution().summary(), files,
                r.provenance());
    }

    static String oneLine(String s) { return OneLine.of(s); }
}
