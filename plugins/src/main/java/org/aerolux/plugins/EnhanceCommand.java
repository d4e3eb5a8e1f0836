package org.aerolux.plugins;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.GenericDialog;
import ij.io.FileInfo;
import ij.plugin.PlugIn;
import ij.process.ColorProcessor;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.aerolux.core.io.AtomicOutput;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.pipeline.ProgressEvent;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.core.raster.TeeRasterSink;
import org.aerolux.enhancement.EnhancedOutputs;
import org.aerolux.enhancement.EnhancementListener;
import org.aerolux.enhancement.EnhancementProvenance;
import org.aerolux.enhancement.EnhancementResult;
import org.aerolux.enhancement.Enhancer;
import org.aerolux.plugins.image.GeoTiffImport;
import org.aerolux.plugins.image.ImageGeoreference;
import org.aerolux.plugins.image.ImageSink;
import org.aerolux.plugins.image.ImageSources;

/**
 * {@code AeroLux Enhance (CUE)}: low-light enhancement of the current image with the enhancement module's
 * {@link Enhancer} (the code of {@code aerolux enhance}), keys {@code model}, {@code bands}, {@code tile},
 * {@code device} and optionally {@code save=[DIR]}. The result is a new image of the same type (an RGB image
 * stays RGB) with the input's georeferencing; with save, STEM_enhanced.tif (.png for an image opened from a PNG
 * or JPEG) and STEM_aerolux.json are written in the same pass. Esc cancels.
 */
public final class EnhanceCommand implements PlugIn {
    static final String TITLE = "AeroLux Enhance (CUE)";
    private static String[] last;

    @Override
    public void run(String arg) {
        CommandRunner.run(TITLE, () -> {
            ImagePlus imp = Images.current(TITLE);
            var registry = FijiModels.registry();
            String[] d = {"cue-lowlight", "default", "auto", "auto", ""};
            String[] v = MacroOptions.isMacro() || last == null ? d : last;
            List<String> models = ModelRunFields.modelNames(registry, "enhancement");
            if (!models.contains(v[0])) models.add(v[0]);
            GenericDialog gd = Fields.dialog(TITLE);
            gd.addChoice("Model", MacroOptions.choices("model", models), v[0]);
            gd.addStringField("Bands (R,G,B; default = 1,2,3 or 1,1,1)", v[1], 12);
            gd.addStringField("Tile (px; auto = whole image when it fits)", v[2], 8);
            gd.addChoice("Device", MacroOptions.choices("device", ModelRunFields.DEVICES), v[3]);
            Fields.directory(gd, "Save (optional folder)", v[4]);
            Fields.show(gd);
            String[] values = {gd.getNextChoice().trim(), gd.getNextString().trim(), gd.getNextString().trim(), gd.getNextChoice().trim(),
                    gd.getNextString().trim()};
            if (!MacroOptions.isMacro()) last = values;
            enhance(imp, values, values[4].isEmpty() ? null : Path.of(values[4]));
        });
    }

    static void enhance(ImagePlus imp, String[] v, Path saveDir) {
        if (saveDir != null) OutputDirs.prepare(saveDir);
        Cancellation cancel = TileProgress.start();
        TileProgress progress = new TileProgress(TITLE, cancel, "");
        Enhancer.Builder b = Enhancer.builder().model(v[0]).registry(FijiModels.registry()).device(DeviceRequest.parse(v[3]))
                .cancellation(cancel).listener(new EnhancementListener() {
                    @Override
                    public void phase(String name) {
                        IJ.showStatus(TITLE + ": " + name);
                        progress.checkEscape();
                    }

                    @Override
                    public void progress(ProgressEvent event) { progress.onProgress(event); }
                });
        int[] bands = ModelRunFields.bands(v[1]);
        if (bands != null) b.bands(bands);
        ModelRunFields.pixels("tile", v[2]).ifPresent(t -> b.tile(t).mode(org.aerolux.enhancement.EnhancementMode.TILED));
        IJ.showStatus(TITLE + ": loading " + v[0]);
        String stem = Images.stem(imp.getTitle());
        Path file = saveDir == null ? null : saveDir.resolve(stem + "_enhanced" + (fromPhoto(imp) ? ".png" : ".tif"));
        AtomicReference<ImageSink> image = new AtomicReference<>();
        try (Enhancer enhancer = b.build(); RasterSource source = ImageSources.of(imp)) {
            RasterInfo info = source.info();
            Enhancer.SinkFactory toFile = file == null ? null : EnhancedOutputs.sinkFor(file, source);
            EnhancementResult r = enhancer.enhance(source, like -> {
                ImageSink s = new ImageSink(like.width(), like.height(), like.bandCount(), like.dataType());
                image.set(s);
                return toFile == null ? s : TeeRasterSink.of(s, toFile.open(like));
            });
            if (saveDir != null) {
                Map<String, Path> outputs = new LinkedHashMap<>();
                outputs.put("enhanced", file);
                Path provenance = saveDir.resolve(stem + "_aerolux.json");
                outputs.put("provenance", provenance);
                String src = imp.getProp(GeoTiffImport.SOURCE);
                JsonObject json = EnhancementProvenance.of(enhancer, r, src != null ? Path.of(src) : saveDir.resolve(imp.getTitle()), outputs, null);
                JsonObject command = new JsonObject();
                command.addProperty("line", "run(\"" + TITLE + "\", \"model=" + v[0] + " bands=" + v[1] + " tile=" + v[2] + " device="
                        + v[3] + " save=[" + saveDir + "]\");");
                json.add("command", command);
                AtomicOutput.write(provenance, os -> {
                    Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
                    new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().serializeSpecialFloatingPointValues()
                            .create().toJson(json, w);
                    w.write("\n");
                    w.flush();
                });
            }
            ImagePlus out = result(imp, image.get(), stem + "_enhanced", info);
            out.show();
            IJ.showProgress(1.0);
            String summary = String.format(Locale.ROOT, "%s: %s, %s, %d tile%s, range %s..%s, %.1f s%s", TITLE, enhancer.model().card().name(),
                    r.plan().isWhole() ? "whole image" : "tiled", r.plan().layout().tileCount(), r.plan().layout().tileCount() == 1 ? "" : "s",
                    SegmentCommand.fmt(r.range().low()), SegmentCommand.fmt(r.range().high()), r.total().toMillis() / 1000.0,
                    file == null ? "" : " -> " + file);
            IJ.log(summary);
            IJ.showStatus(summary.substring(TITLE.length() + 2));
        }
    }

    /** The enhanced image like the input: RGB again for an RGB input; slice labels and georeferencing kept. */
    private static ImagePlus result(ImagePlus input, ImageSink sink, String title, RasterInfo info) {
        ImagePlus out;
        if (input.getBitDepth() == 24) {
            ImageStack s = sink.stack().orElseThrow();
            ColorProcessor cp = new ColorProcessor(input.getWidth(), input.getHeight());
            cp.setRGB((byte[]) s.getPixels(1), (byte[]) s.getPixels(2), (byte[]) s.getPixels(3));
            out = new ImagePlus(title, cp);
        } else {
            out = sink.image(title);
            ImageStack s = out.getStack();
            for (int i = 1; i <= Math.min(s.getSize(), input.getStackSize()); i++) s.setSliceLabel(input.getStack().getSliceLabel(i), i);
            out.setDisplayRange(input.getDisplayRangeMin(), input.getDisplayRangeMax());
        }
        if (ImageGeoreference.isGeoreferenced(input) || input.getProp(ImageGeoreference.PREFIX + "Nodata") != null)
            ImageGeoreference.attach(out, info.georeference(), info.nodata(), ImageGeoreference.bandNames(input, info.bandCount()));
        return out;
    }

    /** True for an image opened from a PNG or JPEG (the command line writes those as .png). */
    private static boolean fromPhoto(ImagePlus imp) {
        FileInfo fi = imp.getOriginalFileInfo();
        String name = fi != null && fi.fileName != null ? fi.fileName : imp.getTitle();
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }
}
