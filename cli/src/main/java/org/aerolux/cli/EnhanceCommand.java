package org.aerolux.cli;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.aerolux.core.OneLine;
import org.aerolux.core.io.OutputFolders;
import org.aerolux.core.BadInputException;
import org.aerolux.core.ExitCode;
import org.aerolux.core.UsageException;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.model.RegistryLocation;
import org.aerolux.core.pipeline.ProgressEvent;
import org.aerolux.enhancement.EnhancedOutputs;
import org.aerolux.enhancement.EnhancementListener;
import org.aerolux.enhancement.EnhancementOptions;
import org.aerolux.enhancement.FileEnhancement;
import org.aerolux.enhancement.EnhancementResult;
import org.aerolux.enhancement.Enhancer;
import org.aerolux.cli.options.EnhanceRunMixin;
import org.aerolux.cli.options.FileRunCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code aerolux enhance}: CUE low-light enhancement of a GeoTIFF, TIFF, PNG or JPEG file, or of every such file
 * in a folder (existing outputs are skipped unless --overwrite, so an interrupted folder run resumes). Writes
 * STEM_enhanced.tif (or .png for PNG/JPEG input), STEM_aerolux.json (provenance, written last) and with
 * --side-by-side STEM_before_after.png.
 */
@Command(name = "enhance", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"CUE low-light enhancement: same size, bands, data type and georeferencing out as in.",
                "IN is a GeoTIFF, TIFF, PNG or JPEG file, or a folder of them."})
final class EnhanceCommand extends FileRunCommand implements Callable<Integer> {
    @Mixin
    EnhanceRunMixin run;

    @Option(names = "--reference", paramLabel = "REF", description = "a normal-light image of the same scene: report PSNR and SSIM"
            + " of input and output against it (single-file input only)")
    Path reference;

    @Option(names = "--quiet", description = "print nothing but errors")
    boolean quiet;

    @Override
    public Integer call() {
        Path input = io.input(), output = io.output();
        EnhancementOptions options = run.options(0);
        List<Path> inputs = InputFiles.list(input, p -> FileEnhancement.isInput(p, FileEnhancement.sameFile(input, output)),
                "GeoTIFF, TIFF, PNG or JPEG");
        if (reference != null && Files.isDirectory(input))
            throw new UsageException(reference, "--reference works with a single input file, not a folder");
        if (reference != null && !Files.isRegularFile(reference)) throw new UsageException(reference, "--reference: file not found");
        InputFiles.checkDistinctOutputs(inputs, in -> EnhancedOutputs.provenance(in, output));
        OutputFolders.prepare(output, "--output");
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        boolean single = !Files.isDirectory(input);
        int failures = 0;
        try (TerminalProgress bar = TerminalProgress.wanted(quiet) ? new TerminalProgress(err) : null;
             Enhancer enhancer = Enhancer.open(options, RegistryLocation.load(AeroLuxCli.class))) {
            if (!quiet) out.println("model " + enhancer.model().card().name() + " on " + enhancer.model().device().summary());
            FileEnhancement files = new FileEnhancement(enhancer, output).withProvenanceFields(Map.of("invocation", invocation()));
            if (reference != null) files = files.withReference(reference);
            Cancellation cancel = new Cancellation();
            for (Path in : inputs) {
                if (bar != null && !files.isDone(in)) bar.file(in.getFileName().toString());
                try {
                    FileEnhancement.FileResult r = files.enhance(in, listener(bar), cancel);
                    if (bar != null) bar.clear();
                    if (quiet) continue;
                    if (r.skipped()) out.println(in.getFileName() + ": skipped, " + r.enhanced().getFileName() + " exists (use --overwrite)");
                    else out.println(summary(in, r.enhanced(), r.result()));
                    r.comparison().ifPresent(cmp -> out.println(String.format(Locale.ROOT, "%s vs %s: input PSNR %.2f dB SSIM %.4f;"
                            + " enhanced PSNR %.2f dB SSIM %.4f", in.getFileName(), reference.getFileName(), cmp.before().psnr(),
                            cmp.before().ssim(), cmp.after().psnr(), cmp.after().ssim())));
                } catch (BadInputException e) {
                    if (bar != null) bar.clear();
                    if (single) throw e;
                    err.println("aerolux: " + OneLine.of(e.getMessage()));
                    err.flush();
                    failures++;
                }
            }
        }
        if (failures > 0) {
            err.println("aerolux: " + failures + " of " + inputs.size() + " inputs failed (see above); the others are done");
            return ExitCode.BAD_INPUT.code();
        }
        return 0;
    }

    /** The command line and working directory, for the provenance. */
    private JsonObject invocation() {
        JsonObject command = new JsonObject();
        command.addProperty("line", "aerolux " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs()));
        command.addProperty("working_directory", Path.of("").toAbsolutePath().toString());
        return command;
    }

    private static String summary(Path in, Path enhanced, EnhancementResult r) {
        String gap = r.gap().measured() ? String.format(Locale.ROOT, ", tiled-vs-whole gap max %.4f mean %.5f", r.gap().maxAbs(),
                r.gap().meanAbs()) : "";
        return String.format(Locale.ROOT, "%s -> %s (%s, %d tile%s, range %s..%s, %.1f s%s)", in.getFileName(), enhanced,
                r.plan().isWhole() ? "whole image" : "tiled", r.plan().layout().tileCount(), r.plan().layout().tileCount() == 1 ? "" : "s",
                fmt(r.range().low()), fmt(r.range().high()), r.total().toMillis() / 1000.0, gap);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }

    private static EnhancementListener listener(TerminalProgress bar) {
        if (bar == null) return EnhancementListener.NONE;
        return new EnhancementListener() {
            @Override
            public void phase(String name) { bar.phase(name); }

            @Override
            public void progress(ProgressEvent event) { bar.progress(event); }
        };
    }
}
