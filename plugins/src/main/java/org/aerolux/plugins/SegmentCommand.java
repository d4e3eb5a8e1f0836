package org.aerolux.plugins;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import java.awt.Rectangle;
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
import org.aerolux.plugins.region.CroppedLabelRows;
import org.aerolux.plugins.region.CroppedRasterSink;
import org.aerolux.plugins.region.ImageRegion;
import org.aerolux.segmentation.ClassStatistics;
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
    private static final int CHECKS = 8;
    private static boolean[] lastChecks = {true, false, true, false, false, false, false, false};
    private static String lastSave = "";

    /** What to make besides the options' outputs. */
    record Extras(boolean overlay, boolean rois, boolean areas) {
        boolean needLabels() { return overlay || rois || areas; }
    }

    @Override
    public void run(String arg) {
        CommandRunner.run(TITLE, () -> {
            ImagePlus imp = Images.current(TITLE);
            ModelRegistry registry = FijiModels.registry();
            GenericDialog gd = Fields.dialog(TITLE);
            ModelRunFields.Values initial = ModelRunFields.initial(registry, "segmentation", "farseg-demo");
            ModelRunFields.addEveryday(gd, registry, "segmentation", initial);
            AdvancedFields advanced = new AdvancedFields(TITLE, ModelRunFields.advancedFields(true), ModelRunFields.advancedValues(initial));
            advanced.addTo(gd);
            boolean[] c = MacroOptions.isMacro() ? new boolean[CHECKS] : lastChecks;
            gd.addMessage("Results:");
            gd.addCheckbox("Labels", c[0]);
            gd.addCheckbox("Probabilities", c[1]);
            gd.addCheckbox("Confidence", c[2]);
            gd.addCheckbox("Entropy", c[3]);
            gd.addCheckbox("Vectors (GeoJSON, needs a save folder)", c[4]);
            gd.addCheckbox("Overlay labels on the image", c[5]);
            gd.addCheckbox("ROIs: objects into the ROI Manager", c[6]);
            gd.addCheckbox("Areas: table of class areas", c[7]);
            Fields.directory(gd, "Save (optional folder for GeoTIFFs)", MacroOptions.initial(lastSave, ""));
            if (imp.getRoi() != null && imp.getRoi().isArea()) gd.addMessage("Only the bounding box of the selection is segmented.");
            Fields.show(gd);
            ModelRunFields.Values values = ModelRunFields.read(gd, advanced);
            boolean[] checks = new boolean[CHECKS];
            for (int i = 0; i < CHECKS; i++) checks[i] = gd.getNextBoolean();
            String save = gd.getNextString().trim();
            if (!MacroOptions.isMacro()) {
                lastChecks = checks;
                lastSave = save;
            }
            Set<SegmentationOutput> outputs = EnumSet.noneOf(SegmentationOutput.class);
            SegmentationOutput[] order = {SegmentationOutput.LABELS, SegmentationOutput.PROBABILITIES, SegmentationOutput.CONFIDENCE,
                    SegmentationOutput.ENTROPY, SegmentationOutput.VECTORS};
            for (int i = 0; i < order.length; i++) if (checks[i]) outputs.add(order[i]);
            Extras extras = new Extras(checks[5], checks[6], checks[7]);
            if (outputs.isEmpty() && !extras.rois() && !extras.areas())
                throw new UsageException(null, "nothing to make: check at least one of labels, probabilities, confidence, entropy, vectors,"
                        + " rois, areas");
            if (outputs.contains(SegmentationOutput.VECTORS) && save.isEmpty())
                throw new UsageException(null, "vectors are written as STEM_objects.geojson: give a save folder (save=[DIR])");
            if (extras.overlay() && !outputs.contains(SegmentationOutput.LABELS))
                throw new UsageException(null, "the overlay shows the labels: check labels too");
            SegmentationOptions options = ModelRunFields.segmentation(values).outputs(outputs).overwrite(true).build();
            segment(imp, options, save.isEmpty() ? null : Path.of(save), extras);
        });
    }

    /**
     * Runs the segmenter on the image (on the bounding box of its area selection, read with the tile overlap as
     * halo) and shows the results (and writes them when {@code saveDir} is given).
     */
    static void segment(ImagePlus imp, SegmentationOptions options, Path saveDir, Extras extras) {
        if (saveDir != null) OutputFolders.prepare(saveDir, "save");
        Cancellation cancel = TileProgress.start();
        TileProgress progress = new TileProgress(TITLE, cancel, "");
        IJ.showStatus(TITLE + ": loading " + options.model());
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try (Segmenter segmenter = Segmenter.open(options, FijiModels.registry())) {
            ImageRegion region = ImageRegion.of(imp, segmenter.grid().overlap());
            try (RasterSource source = ImageSources.of(imp, region.window())) {
                run(imp, segmenter, source, region, saveDir, extras, progress, cancel, started, t0);
            }
        }
    }

    private static void run(ImagePlus imp, Segmenter segmenter, RasterSource source, ImageRegion region, Path saveDir, Extras extras,
                            TileProgress progress, Cancellation cancel, Instant started, long t0) {
        SegmentationOptions options = segmenter.options();
        progress.checkEscape();
        if (cancel.isCancelled()) throw new org.aerolux.core.CancelledException("before the first tile");
        RasterInfo window = source.info();
        Rectangle b = region.box();
        RasterInfo info = new RasterInfo(b.width, b.height, window.bandCount(), window.dataType(),
                window.georeference().shifted(region.boxXInWindow(), region.boxYInWindow()), window.nodata(), window.bandDescriptions());
        List<ClassInfo> classes = segmenter.model().card().classes();
        String stem = Images.stem(imp.getTitle());
        Map<SegmentationOutput, ImageSink> images = new EnumMap<>(SegmentationOutput.class);
        Map<SegmentationOutput, Path> files = new EnumMap<>(SegmentationOutput.class);
        Set<SegmentationOutput> made = EnumSet.copyOf(options.outputs().isEmpty() ? EnumSet.of(SegmentationOutput.LABELS) : options.outputs());
        // the labels are also needed for the ROIs, the areas table and the overlay, and for the box's own class
        // statistics (the run's count the halo too)
        if (extras.needLabels() || region.cropped()) made.add(SegmentationOutput.LABELS);
        SegmentationSinks.Builder sinks = SegmentationSinks.builder();
        try {
            for (SegmentationOutput o : made) {
                Path file = saveDir == null || !options.outputs().contains(o) ? null : saveDir.resolve(o.fileName(stem));
                if (file != null) files.put(o, file);
                if (!o.isRaster()) {
                    sinks.vectors(CroppedLabelRows.of(VectorOutputs.geoJson().create(file, info, classes), region));
                    continue;
                }
                int bands = o == SegmentationOutput.PROBABILITIES ? classes.size() : 1;
                ImageSink image = new ImageSink(info.width(), info.height(), bands,
                        o == SegmentationOutput.LABELS ? DataType.UINT8 : DataType.FLOAT32);
                images.put(o, image);
                RasterSink sink = file == null ? image : TeeRasterSink.of(image, GeoTiffOutputs.create(o, file, info, classes));
                sinks.raster(o, CroppedRasterSink.of(sink, region));
            }
        } catch (RuntimeException e) {
            sinks.build().close();
            throw e;
        }
        if (region.selection()) IJ.log(TITLE + ": " + region.describe());
        SegmentationResult result = segmenter.run(source, sinks.build(), PixelAreaModel.of(window.georeference()), progress, cancel,
                List.of());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        byte[] labelPixels = images.containsKey(SegmentationOutput.LABELS)
                ? (byte[]) images.get(SegmentationOutput.LABELS).stack().orElseThrow().getPixels(1) : null;
        if (region.cropped()) result = boxStatistics(result, labelPixels, info, classes);
        if (saveDir != null) {
            if (files.containsKey(SegmentationOutput.LABELS)) LabelsAuxXml.write(files.get(SegmentationOutput.LABELS), classes);
            String source0 = imp.getProp(GeoTiffImport.SOURCE);
            Path input = source0 != null ? Path.of(source0) : saveDir.resolve(imp.getTitle());
            var record = Provenance.of(segmenter, input, info, files, result, started, elapsed);
            if (region.selection()) record.add("selection", region.toJson());
            Provenance.write(record, saveDir.resolve(stem + "_aerolux.json"));
        }
        ImagePlus labels = null;
        for (Map.Entry<SegmentationOutput, ImageSink> e : images.entrySet()) {
            if (!options.outputs().contains(e.getKey())) continue;
            ImagePlus out = SegmentationImages.of(e.getKey(), e.getValue(), stem, classes, info.georeference());
            if (e.getKey() == SegmentationOutput.LABELS) labels = out;
            out.show();
        }
        if (extras.overlay() && labels != null) SegmentationImages.overlay(imp, labels, classes, b.x, b.y);
        String roiNote = "";
        if (extras.rois()) {
            ObjectRois.Outlines o = ObjectRois.outlines(labelPixels, info.width(), info.height(), b.x, b.y, classes, ObjectRois.MAX_ROIS);
            ObjectRois.show(imp, o, TITLE);
            roiNote = String.format(Locale.ROOT, ", %d ROIs%s", o.rois().size(), o.objects() > o.rois().size() ? " of " + o.objects() + " objects" : "");
        }
        if (extras.areas()) AreasTable.show(result.statistics(), TITLE);
        IJ.showProgress(1.0);
        var p = result.pipeline();
        String summary = String.format(Locale.ROOT, "%s: %s on %s, %d tiles (%d nodata), T=%s, %s, %.1f s%s%s%s", TITLE,
                segmenter.model().card().name(), p.device().device(), p.tilesTotal(), p.tilesSkipped(),
                fmt(result.temperature()), result.resolution().summary(), elapsed.toMillis() / 1000.0,
                p.backoff().happened() ? ", out of GPU memory: " + p.backoff().summary() : "", roiNote, saveDir == null ? "" : " -> " + saveDir);
        IJ.showStatus(summary.substring(TITLE.length() + 2));
        IJ.log(summary);
    }

    /** The result with the class statistics of the box (the run's own count the halo too). */
    private static SegmentationResult boxStatistics(SegmentationResult r, byte[] labels, RasterInfo box, List<ClassInfo> classes) {
        ClassStatistics stats = new ClassStatistics(classes, box.width(), PixelAreaModel.of(box.georeference()));
        stats.accept(0, labels, box.height());
        return new SegmentationResult(r.pipeline(), r.grid(), r.bands(), r.bandsFrom(), r.temperature(), stats.summary(), r.vectors(),
                r.batchFrom(), r.resolution(), r.memoryPlan());
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }

    static boolean exists(Path p) { return p != null && Files.exists(p); }
}
