package org.aerolux.plugins;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.aerolux.core.AeroLuxException;
import org.aerolux.core.BadInputException;
import org.aerolux.core.UsageException;
import org.aerolux.core.io.AtomicOutput;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.model.ModelRegistry;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.pipeline.ProgressEvent;
import org.aerolux.enhancement.EnhancedOutputs;
import org.aerolux.enhancement.EnhancementListener;
import org.aerolux.enhancement.EnhancementProvenance;
import org.aerolux.enhancement.EnhancementResult;
import org.aerolux.enhancement.Enhancer;
import org.aerolux.segmentation.FileSegmentation;
import org.aerolux.segmentation.SegmentationOptions;
import org.aerolux.segmentation.SegmentationOutput;
import org.aerolux.segmentation.Segmenter;
import org.aerolux.segmentation.VectorOutputs;

/**
 * {@code AeroLux Batch}: {@code task=segment} or {@code task=enhance} over every raster of {@code input=[DIR]}
 * into {@code output=[DIR]}, with the keys of that task. Files, names and skip rules are the command line's
 * (the segmentation module's {@link FileSegmentation}; the enhancement module's {@link Enhancer#enhanceFile} and
 * {@link EnhancedOutputs}): an input whose outputs exist is skipped unless {@code overwrite}, so an interrupted
 * run resumes. A bad file is reported in the Log and the others are still done; Esc cancels the current file
 * (leaving nothing of it) and stops.
 */
public final class BatchCommand implements PlugIn {
    static final String TITLE = "AeroLux Batch";

    @Override
    public void run(String arg) {
        CommandRunner.run(TITLE, () -> {
            ModelRegistry registry = FijiModels.registry();
            GenericDialog gd = Fields.dialog(TITLE);
            gd.addChoice("Task", MacroOptions.choices("task", List.of("segment", "enhance")), "segment");
            Fields.directory(gd, "Input (folder)", "");
            Fields.directory(gd, "Output (folder)", "");
            ModelRunFields.add(gd, registry, "", "default", true);
            gd.addCheckbox("Labels", !MacroOptions.isMacro());
            gd.addCheckbox("Probabilities", false);
            gd.addCheckbox("Confidence", !MacroOptions.isMacro());
            gd.addCheckbox("Entropy", false);
            gd.addCheckbox("Vectors", false);
            gd.addCheckbox("Overwrite existing outputs", false);
            gd.addMessage("Model 'default': farseg-demo to segment, cue-lowlight to enhance. Enhance uses model, bands, tile, device.");
            Fields.show(gd);
            String task = gd.getNextChoice().trim().toLowerCase(Locale.ROOT);
            String in = gd.getNextString().trim(), out = gd.getNextString().trim();
            ModelRunFields.Values v = ModelRunFields.read(gd, true);
            boolean[] c = new boolean[6];
            for (int i = 0; i < 6; i++) c[i] = gd.getNextBoolean();
            if (in.isEmpty() || out.isEmpty()) throw new UsageException(null, "give both input=[DIR] and output=[DIR]");
            Path input = Path.of(in), output = Path.of(out);
            if (!Files.isDirectory(input)) throw new BadInputException(input, "input must be a folder");
            switch (task) {
                case "segment" -> segment(input, output, v, c);
                case "enhance" -> enhance(input, output, v, c[5]);
                default -> throw new UsageException(null, "task must be segment or enhance, got '" + task + "'");
            }
        });
    }

    private static void segment(Path input, Path output, ModelRunFields.Values v, boolean[] c) {
        Set<SegmentationOutput> outputs = EnumSet.noneOf(SegmentationOutput.class);
        SegmentationOutput[] order = {SegmentationOutput.LABELS, SegmentationOutput.PROBABILITIES, SegmentationOutput.CONFIDENCE,
                SegmentationOutput.ENTROPY, SegmentationOutput.VECTORS};
        for (int i = 0; i < order.length; i++) if (c[i]) outputs.add(order[i]);
        if (outputs.isEmpty()) outputs = SegmentationOutput.DEFAULTS;
        String model = v.model().equals("default") ? "farseg-demo" : v.model();
        SegmentationOptions options = ModelRunFields.segmentation(new ModelRunFields.Values(model, v.bands(), v.tile(), v.overlap(),
                v.blend(), v.device(), v.batch(), v.temperature(), v.gpuMemLimit(), v.cudnnSearch())).outputs(outputs).overwrite(c[5]).build();
        List<Path> files = FileSegmentation.rastersIn(input);
        if (files.isEmpty()) throw new BadInputException(input, "the folder holds no GeoTIFF (.tif or .tiff) to segment");
        OutputDirs.prepare(output);
        Cancellation cancel = TileProgress.start();
        Tally tally = new Tally(files.size());
        try (Segmenter s = Segmenter.open(options, FijiModels.registry())) {
            FileSegmentation runner = new FileSegmentation(s, output, VectorOutputs.geoJson());
            for (Path f : files) {
                TileProgress p = new TileProgress(TITLE, cancel, "file " + tally.next() + "/" + files.size() + " " + f.getFileName() + ", ");
                try {
                    FileSegmentation.FileResult r = runner.segment(f, p, cancel);
                    tally.done(f, r.skipped(), r.skipped() ? "" : r.elapsed().toMillis() / 1000.0 + " s");
                } catch (BadInputException | UsageException e) {
                    tally.failed(f, e);
                }
            }
        }
        tally.finish();
    }

    private static void enhance(Path input, Path output, ModelRunFields.Values v, boolean overwrite) {
        List<Path> files = new ArrayList<>();
        boolean same = input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize());
        try (Stream<Path> s = Files.list(input)) {
            s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(EnhancedOutputs::isSupportedName).filter(p -> !(same && EnhancedOutputs.isOutputName(p))).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new BadInputException(input, "cannot list the folder: " + e.getMessage(), e);
        }
        if (files.isEmpty()) throw new BadInputException(input, "the folder holds no GeoTIFF, TIFF, PNG or JPEG files");
        OutputDirs.prepare(output);
        Cancellation cancel = TileProgress.start();
        Tally tally = new Tally(files.size());
        AtomicStep step = new AtomicStep();
        Enhancer.Builder b = Enhancer.builder().model(v.model().equals("default") ? "cue-lowlight" : v.model()).registry(FijiModels.registry())
                .device(DeviceRequest.parse(v.device())).cancellation(cancel).listener(new EnhancementListener() {
                    @Override
                    public void progress(ProgressEvent e) { step.progress.onProgress(e); }

                    @Override
                    public void phase(String name) { step.progress.checkEscape(); }
                });
        int[] bands = ModelRunFields.bands(v.bands());
        if (bands != null) b.bands(bands);
        ModelRunFields.pixels("tile", v.tile()).ifPresent(t -> b.tile(t).mode(org.aerolux.enhancement.EnhancementMode.TILED));
        try (Enhancer enhancer = b.build()) {
            for (Path f : files) {
                step.progress = new TileProgress(TITLE, cancel, "file " + tally.next() + "/" + files.size() + " " + f.getFileName() + ", ");
                Path enhanced = EnhancedOutputs.enhanced(f, output), provenance = EnhancedOutputs.provenance(f, output);
                if (!overwrite && Files.exists(enhanced) && Files.exists(provenance)) {
                    tally.done(f, true, "");
                    continue;
                }
                try {
                    EnhancementResult r = enhancer.enhanceFile(f, enhanced);
                    Map<String, Path> outs = new LinkedHashMap<>();
                    outs.put("enhanced", enhanced);
                    outs.put("provenance", provenance);
                    writeJson(EnhancementProvenance.of(enhancer, r, f, outs, null), provenance);
                    tally.done(f, false, r.total().toMillis() / 1000.0 + " s");
                } catch (BadInputException e) {
                    tally.failed(f, e);
                }
            }
        }
        tally.finish();
    }

    private static final class AtomicStep {
        volatile TileProgress progress;
    }

    static void writeJson(JsonObject json, Path target) {
        AtomicOutput.write(target, os -> {
            Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().serializeSpecialFloatingPointValues().create()
                    .toJson(json, w);
            w.write("\n");
            w.flush();
        });
    }

    /** Counts and logs what happened to each file. */
    private static final class Tally {
        final int total;
        int index, done, skipped, failed;
        AeroLuxException first;

        Tally(int total) { this.total = total; }

        int next() { return ++index; }

        void done(Path f, boolean wasSkipped, String detail) {
            if (wasSkipped) {
                skipped++;
                IJ.log(TITLE + ": [" + index + "/" + total + "] " + f.getFileName() + ": skipped, its outputs exist");
            } else {
                done++;
                IJ.log(TITLE + ": [" + index + "/" + total + "] " + f.getFileName() + ": done (" + detail + ")");
            }
        }

        void failed(Path f, AeroLuxException e) {
            failed++;
            if (first == null) first = e;
            IJ.log(TITLE + ": [" + index + "/" + total + "] " + e.getMessage().replaceAll("\\s*\\R\\s*", " "));
        }

        void finish() {
            IJ.showProgress(1.0);
            String line = String.format(Locale.ROOT, "%s: %d done, %d skipped, %d failed of %d", TITLE, done, skipped, failed, total);
            IJ.log(line);
            IJ.showStatus(line.substring(TITLE.length() + 2));
            if (failed > 0)
                throw new AeroLuxException(first.exitCode(), null, failed + " of " + total + " files failed (see the Log); the others are done");
        }
    }
}
