package org.aerolux.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.aerolux.core.BadInputException;
import org.aerolux.core.ExitCode;
import org.aerolux.core.UsageException;
import org.aerolux.core.io.AtomicOutput;
import org.aerolux.core.inference.CudaOptions;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.model.RegistryLocation;
import org.aerolux.core.pipeline.ProgressEvent;
import org.aerolux.core.tile.Blender;
import org.aerolux.enhancement.EnhancedOutputs;
import org.aerolux.enhancement.EnhancementListener;
import org.aerolux.enhancement.EnhancementMode;
import org.aerolux.enhancement.EnhancementProvenance;
import org.aerolux.enhancement.EnhancementResult;
import org.aerolux.enhancement.Enhancer;
import org.aerolux.enhancement.MemoryBudget;
import org.aerolux.enhancement.ReferenceComparison;
import org.aerolux.enhancement.SideBySide;
import org.aerolux.enhancement.ValueRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aerolux enhance}: CUE low-light enhancement of a GeoTIFF, TIFF, PNG or JPEG file, or of every such file
 * in a folder (existing outputs are skipped unless --overwrite, so an interrupted folder run resumes). Writes
 * STEM_enhanced.tif (or .png for PNG/JPEG input), STEM_aerolux.json (provenance, written last) and with
 * --side-by-side STEM_before_after.png.
 */
@Command(name = "enhance", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"CUE low-light enhancement: same size, bands, data type and georeferencing out as in.",
                "IN is a GeoTIFF, TIFF, PNG or JPEG file, or a folder of them."})
final class EnhanceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "M", defaultValue = "cue-lowlight",
            description = "registry name or .onnx file of a CUE model (default ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--input", required = true, paramLabel = "IN", description = "a file or a folder of files")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "output folder (created when missing)")
    Path output;

    @Option(names = "--bands", paramLabel = "R,G,B", description = "1-based bands fed as red, green, blue; a band may repeat"
            + " (1,1,1 = grey). Default: 1,1,1 for one band, 1,2,3 for three or more; other bands are copied unchanged")
    String bands;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (whole image when it fits --memory, else tiles), whole or tiled (default ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--range", paramLabel = "MIN,MAX", description = "raw values of black and white. Default: 0,255 for 8-bit;"
            + " the 0.01th..99.99th percentiles of the data for 16-bit and float")
    String range;

    @Option(names = "--tile", paramLabel = "N", description = "tile edge in tiled mode, at least 512 (default: the model card's)")
    Integer tile;

    @Option(names = "--overlap", paramLabel = "N", description = "tile overlap in pixels (default: the model card's)")
    Integer overlap;

    @Option(names = "--blend", paramLabel = "B", defaultValue = "cosine", description = "center, cosine or gaussian (default ${DEFAULT-VALUE})")
    String blend;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1", description = "tiles per model call (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--device", paramLabel = "D", defaultValue = "auto", description = "auto, cpu, gpu or gpu:N (default ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "CPU threads per operator, 0 = all cores (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--gpu-mem-limit", paramLabel = "SIZE", defaultValue = "0",
            description = "CUDA memory arena limit of ONNX Runtime, e.g. 8G or 512M; 0 = no limit (default ${DEFAULT-VALUE})")
    String gpuMemLimit;

    @Option(names = "--cudnn-search", paramLabel = "MODE", defaultValue = "exhaustive",
            description = "cuDNN convolution algorithm search on CUDA: exhaustive, heuristic or default (default ${DEFAULT-VALUE})")
    String cudnnSearch;

    @Option(names = "--memory", paramLabel = "SIZE", description = "memory budget, e.g. 8g (default: half the available memory)")
    String memory;

    @Option(names = "--gap-probe", paramLabel = "N", defaultValue = "auto", description = "tiled mode: edge of the window on which"
            + " tiled and whole-image output are compared for the provenance; auto (two tile strides), off, or pixels")
    String gapProbe;

    @Option(names = "--reference", paramLabel = "REF", description = "a normal-light image of the same scene: report PSNR and SSIM"
            + " of input and output against it (single-file input only)")
    Path reference;

    @Option(names = "--side-by-side", description = "also write STEM_before_after.png")
    boolean sideBySide;

    @Option(names = "--overwrite", description = "replace existing outputs (default: skip inputs whose outputs exist)")
    boolean overwrite;

    @Option(names = "--quiet", description = "print nothing but errors")
    boolean quiet;

    @Override
    public Integer call() {
        Enhancer.Builder builder = Enhancer.builder().model(model).mode(EnhancementMode.parse(mode)).blend(Blender.parse(blend))
                .batch(batch).device(DeviceRequest.parse(device)).threads(threads).cuda(CudaOptions.parse(gpuMemLimit, cudnnSearch))
                .gapProbe(gapProbe);
        if (bands != null) builder.bands(parseBands(bands));
        if (range != null) builder.range(ValueRange.parse(range));
        if (tile != null) builder.tile(tile);
        if (overlap != null) builder.overlap(overlap);
        if (memory != null) builder.memoryBudget(MemoryBudget.parse(memory));
        if (threads < 0) throw new UsageException(null, "--threads must be 0 (all cores) or more, got " + threads);
        boolean sameFolder = Files.isDirectory(input) && sameFile(input, output);
        List<Path> inputs = InputFiles.list(input, p -> EnhancedOutputs.isSupportedName(p) && !(sameFolder && EnhancedOutputs.isOutputName(p)),
                "GeoTIFF, TIFF, PNG or JPEG");
        if (reference != null && Files.isDirectory(input))
            throw new UsageException(reference, "--reference works with a single input file, not a folder");
        if (reference != null && !Files.isRegularFile(reference)) throw new UsageException(reference, "--reference: file not found");
        InputFiles.checkDistinctOutputs(inputs, in -> EnhancedOutputs.provenance(in, output));
        prepareFolder(output);
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        boolean single = !Files.isDirectory(input);
        int failures = 0;
        builder.registry(RegistryLocation.load(AeroLuxCli.class));
        try (TerminalProgress bar = TerminalProgress.wanted(quiet) ? new TerminalProgress(err) : null;
             Enhancer enhancer = builder.listener(listener(bar)).build()) {
            if (!quiet) out.println("model " + enhancer.model().card().name() + " on " + enhancer.model().device().summary());
            for (Path in : inputs) {
                Path enhanced = EnhancedOutputs.enhanced(in, output), provenance = EnhancedOutputs.provenance(in, output);
                if (!overwrite && Files.exists(enhanced) && Files.exists(provenance)) {
                    if (!quiet) out.println(in.getFileName() + ": skipped, " + enhanced.getFileName() + " exists (use --overwrite)");
                    continue;
                }
                if (bar != null) bar.file(in.getFileName().toString());
                try {
                    EnhancementResult r = enhanceOne(enhancer, in, enhanced, provenance);
                    if (bar != null) bar.clear();
                    if (!quiet) out.println(summary(in, enhanced, r));
                } catch (BadInputException e) {
                    if (bar != null) bar.clear();
                    if (single) throw e;
                    err.println("aerolux: " + e.getMessage().replaceAll("\\s*\\R\\s*", " "));
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

    private EnhancementResult enhanceOne(Enhancer enhancer, Path in, Path enhanced, Path provenance) {
        EnhancementResult r = enhancer.enhanceFile(in, enhanced);
        Map<String, Path> outputs = new LinkedHashMap<>();
        outputs.put("enhanced", enhanced);
        if (sideBySide) {
            Path pair = EnhancedOutputs.beforeAfter(in, output);
            SideBySide.write(in, enhanced, r.bands(), r.range(), pair);
            outputs.put("before_after", pair);
        }
        ReferenceComparison cmp = reference == null ? null : ReferenceComparison.compare(in, enhanced, reference, r.bands(), r.range());
        outputs.put("provenance", provenance);
        JsonObject json = EnhancementProvenance.of(enhancer, r, in, outputs, cmp);
        JsonObject command = new JsonObject();
        command.addProperty("line", "aerolux " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs()));
        command.addProperty("working_directory", Path.of("").toAbsolutePath().toString());
        json.add("command", command);
        AtomicOutput.write(provenance, os -> {
            Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().serializeSpecialFloatingPointValues().create().toJson(json, w);
            w.write("\n");
            w.flush();
        });
        if (cmp != null && !quiet)
            spec.commandLine().getOut().println(String.format(Locale.ROOT, "%s vs %s: input PSNR %.2f dB SSIM %.4f; enhanced PSNR %.2f dB"
                            + " SSIM %.4f", in.getFileName(), reference.getFileName(), cmp.before().psnr(), cmp.before().ssim(),
                    cmp.after().psnr(), cmp.after().ssim()));
        return r;
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

    static int[] parseBands(String text) {
        try {
            int[] b = Arrays.stream(text.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            if (b.length == 0) throw new NumberFormatException();
            return b;
        } catch (NumberFormatException e) {
            throw new UsageException(null, "--bands must be comma-separated band numbers such as 3,2,1, got '" + text + "'");
        }
    }


    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static void prepareFolder(Path dir) {
        OutputFolder.prepare(dir);
    }
}
