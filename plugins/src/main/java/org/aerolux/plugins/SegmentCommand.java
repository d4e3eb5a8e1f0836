package org.aerolux.plugins;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.aerolux.core.io.OutputFolders;
import org.aerolux.core.UsageException;
import org.aerolux.core.model.ClassInfo;
import org.aerolux.core.model.ModelRegistry;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSink;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.core.raster.TeeRasterSink;
import org.aerolux.plugins.image.GeoTiffImport;
import org.aerolux.plugins.image.ImageSink;
import org.aerolux.plugins.image.ImageSources;
import org.aerolux.segmentation.GeoTiffOutputs;
import org.aerolux.segmentation.LabelsAuxXml;
import org.aerolux.segmentation.Provenance;
import org.aerolux.segmentation.SegmentationOptions;
import org.aerolux.segmentation.SegmentationOutput;
import org.aerolux.segmentation.SegmentationResult;
import org.aerolux.segmentation.SegmentationSinks;
import org.aerolux.segmentation.Segmenter;
import org.aerolux.segmentation.VectorOutputs;
import org.aerolux.segmentation.area.PixelAreaModel;

/**
 * {@code AeroLux Segment (FarSeg)}: segments the current image with the segmentation module's {@link Segmenter},
 * the very code of {@code aerolux segment}, reading the image's own pixels (no copy) and writing the results
 * straight into new images: labels (class LUT, class names), probabilities (one labelled slice per class),
 * confidence, entropy, each with the input's georeferencing. With {@code save=[DIR]} the same outputs are also
 * written there as the command line writes them (STEM_labels.tif, ..., STEM_objects.geojson, STEM_aerolux.json),
 * in the same pass. Esc cancels: no image and no file is left.
 */
public final class SegmentCommand implements PlugIn {
    static final String TITLE = "AeroLux Segment (FarSeg)";
    private static boolean[] lastChecks = {true, false, true, false, false, false};
    private static String lastSave = "";

    @Override
    public void run(String arg) {
        CommandRunner.run(TITLE, () -> {
            ImagePlus imp = Images.current(TITLE);
            ModelRegistry registry = FijiModels.registry();
            GenericDialog gd = Fields.dialog(TITLE);
            ModelRunFields.add(gd, registry, "segmentation", "farseg-demo", true);
            boolean[] c = MacroOptions.isMacro() ? new boolean[] {false, false, false, false, false, false} : lastChecks;
            gd.addMessage("Results:");
            gd.addCheckbox("Labels", c[0]);
            gd.addCheckbox("Probabilities", c[1]);
            gd.addCheckbox("Confidence", c[2]);
            gd.addCheckbox("Entropy", c[3]);
            gd.addCheckbox("Vectors (GeoJSON, needs a save folder)", c[4]);
            gd.addCheckbox("Overlay labels on the image", c[5]);
            Fields.directory(gd, "Save (optional folder for GeoTIFFs)", MacroOptions.initial(lastSave, ""));
            Fields.show(gd);
            ModelRunFields.Values values = ModelRunFields.read(gd, true);
            boolean[] checks = new boolean[6];
            for (int i = 0; i < 6; i++) checks[i] = gd.getNextBoolean();
            String save = gd.getNextString().trim();
            if (!MacroOptions.isMacro()) {
                lastChecks = checks;
                lastSave = save;
            }
            Set<SegmentationOutput> outputs = EnumSet.noneOf(SegmentationOutput.class);
            SegmentationOutput[] order = {SegmentationOutput.LABELS, SegmentationOutput.PROBABILITIES, SegmentationOutput.CONFIDENCE,
                    SegmentationOutput.ENTROPY, SegmentationOutput.VECTORS};
            for (int i = 0; i < order.length; i++) if (checks[i]) outputs.add(order[i]);
            if (outputs.isEmpty())
                throw new UsageException(null, "nothing to make: check at least one of labels, probabilities, confidence, entropy, vectors");
            if (outputs.contains(SegmentationOutput.VECTORS) && save.isEmpty())
                throw new UsageException(null, "vectors are written as STEM_objects.geojson: give a save folder (save=[DIR])");
            if (checks[5] && !outputs.contains(SegmentationOutput.LABELS))
                throw new UsageException(null, "the overlay shows the labels: check labels too");
            SegmentationOptions options = ModelRunFields.segmentation(values).outputs(outputs).overwrite(true).build();
            segment(imp, options, save.isEmpty() ? null : Path.of(save), checks[5]);
        });
    }

    /** Runs the segmenter on the image and shows the results (and writes them when {@code saveDir} is given). */
    static void segment(ImagePlus imp, SegmentationOptions options, Path saveDir, boolean overlay) {
        if (saveDir != null) OutputFolders.prepare(saveDir, "save");
        Cancellation cancel = TileProgress.start();
        TileProgress progress = new TileProgress(TITLE, cancel, "");
        IJ.showStatus(TITLE + ": loading " + options.model());
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try (Segmenter segmenter = Segmenter.open(options, FijiModels.registry()); RasterSource source = ImageSources.of(imp)) {
            progress.checkEscape();
            if (cancel.isCancelled()) throw new org.aerolux.core.CancelledException("before the first tile");
            RasterInfo info = source.info();
            List<ClassInfo> classes = segmenter.model().card().classes();
            String stem = Images.stem(imp.getTitle());
            Map<SegmentationOutput, ImageSink> images = new EnumMap<>(SegmentationOutput.class);
            Map<SegmentationOutput, Path> files = new EnumMap<>(SegmentationOutput.class);
            SegmentationSinks.Builder sinks = SegmentationSinks.builder();
            try {
                for (SegmentationOutput o : options.outputs()) {
                    Path file = saveDir == null ? null : saveDir.resolve(o.fileName(stem));
                    if (file != null) files.put(o, file);
                    if (!o.isRaster()) {
                        sinks.vectors(VectorOutputs.geoJson().create(file, info, classes));
                        continue;
                    }
                    int bands = o == SegmentationOutput.PROBABILITIES ? classes.size() : 1;
                    ImageSink image = new ImageSink(info.width(), info.height(), bands,
                            o == SegmentationOutput.LABELS ? DataType.UINT8 : DataType.FLOAT32);
                    images.put(o, image);
                    RasterSink sink = file == null ? image : TeeRasterSink.of(image, GeoTiffOutputs.create(o, file, info, classes));
                    sinks.raster(o, sink);
                }
            } catch (RuntimeException e) {
                sinks.build().close();
                throw e;
            }
            SegmentationResult result = segmenter.run(source, sinks.build(), PixelAreaModel.of(info.georeference()), progress, cancel,
                    List.of());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            if (saveDir != null) {
                if (files.containsKey(SegmentationOutput.LABELS)) LabelsAuxXml.write(files.get(SegmentationOutput.LABELS), classes);
                String source0 = imp.getProp(GeoTiffImport.SOURCE);
                Path input = source0 != null ? Path.of(source0) : saveDir.resolve(imp.getTitle());
                Provenance.write(Provenance.of(segmenter, input, info, files, result, started, elapsed),
                        saveDir.resolve(stem + "_aerolux.json"));
            }
            ImagePlus labels = null;
            for (Map.Entry<SegmentationOutput, ImageSink> e : images.entrySet()) {
                ImagePlus out = SegmentationImages.of(e.getKey(), e.getValue(), stem, classes, info.georeference());
                if (e.getKey() == SegmentationOutput.LABELS) labels = out;
                out.show();
            }
            if (overlay && labels != null) SegmentationImages.overlay(imp, labels, classes);
            IJ.showProgress(1.0);
            var p = result.pipeline();
            String summary = String.format(Locale.ROOT, "%s: %s on %s, %d tiles (%d nodata), T=%s, %s, %.1f s%s%s", TITLE,
                    segmenter.model().card().name(), p.device().device(), p.tilesTotal(), p.tilesSkipped(),
                    fmt(result.temperature()), result.resolution().summary(), elapsed.toMillis() / 1000.0,
                    p.backoff().happened() ? ", out of GPU memory: " + p.backoff().summary() : "", saveDir == null ? "" : " -> " + saveDir);
            IJ.showStatus(summary.substring(TITLE.length() + 2));
            IJ.log(summary);
        }
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }

    static boolean exists(Path p) { return p != null && Files.exists(p); }
}
