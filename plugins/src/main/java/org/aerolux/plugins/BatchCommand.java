package org.aerolux.plugins;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.aerolux.core.OneLine;
import org.aerolux.core.io.OutputFolders;
import org.aerolux.core.AeroLuxException;
import org.aerolux.core.BadInputException;
import org.aerolux.core.UsageException;
import org.aerolux.core.model.ModelRegistry;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.enhancement.EnhancementOptions;
import org.aerolux.enhancement.FileEnhancement;
import org.aerolux.enhancement.Enhancer;
import org.aerolux.segmentation.FileSegmentation;
import org.aerolux.segmentation.SegmentationOptions;
import org.aerolux.segmentation.SegmentationOutput;
import org.aerolux.segmentation.Segmenter;
import org.aerolux.segmentation.VectorOutputs;

/**
 * {@code AeroLux Batch}: {@code task=segment} or {@code task=enhance} over every raster of {@code input=[DIR]}
 * into {@code output=[DIR]}, with the keys of that task. Files, names and skip rules are the command line's
 * (the segmentation module's {@link FileSegmentation}, the enhancement module's {@link FileEnhancement}): an input whose outputs exist is skipped unless {@code overwrite}, so an interrupted
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
                v.blend(), v.device(), v.batch(), v.temperature(), v.gpuMemLimit(), v.cudnnSearch(), v.resample())).outputs(outputs).overwrite(c[5]).build();
        List<Path> files = FileSegmentation.rastersIn(input);
        if (files.isEmpty()) throw new BadInputException(input, "the folder holds no GeoTIFF (.tif or .tiff) to segment");
        OutputFolders.prepare(output, "output");
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
        List<Path> files = FileEnhancement.imagesIn(input, output);
        if (files.isEmpty()) throw new BadInputException(input, "the folder holds no GeoTIFF, TIFF, PNG or JPEG files");
        EnhancementOptions options = ModelRunFields.enhancement(v.model().equals("default") ? EnhancementOptions.DEFAULT_MODEL : v.model(),
                v.bands(), v.tile(), v.device()).overwrite(overwrite).build();
        OutputFolders.prepare(output, "output");
        Cancellation cancel = TileProgress.start();
        Tally tally = new Tally(files.size());
        try (Enhancer enhancer = Enhancer.open(options, FijiModels.registry())) {
            FileEnhancement runner = new FileEnhancement(enhancer, output);
            for (Path f : files) {
                TileProgress p = new TileProgress(TITLE, cancel, "file " + tally.next() + "/" + files.size() + " " + f.getFileName() + ", ");
                try {
                    FileEnhancement.FileResult r = runner.enhance(f, p.forEnhancement(), cancel);
                    tally.done(f, r.skipped(), r.skipped() ? "" : r.result().total().toMillis() / 1000.0 + " s");
                } catch (BadInputException e) {
                    tally.failed(f, e);
                }
            }
        }
        tally.finish();
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
            IJ.log(TITLE + ": [" + index + "/" + total + "] " + OneLine.of(e.getMessage()));
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
