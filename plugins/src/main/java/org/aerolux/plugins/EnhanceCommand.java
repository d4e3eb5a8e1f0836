package org.aerolux.plugins;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.GenericDialog;
import ij.io.FileInfo;
import ij.plugin.PlugIn;
import ij.process.ColorProcessor;
import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.aerolux.core.UsageException;
import org.aerolux.core.inference.CudaOptions;
import org.aerolux.core.io.OutputFolders;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.core.raster.TeeRasterSink;
import org.aerolux.enhancement.EnhancedOutputs;
import org.aerolux.enhancement.EnhancementOptions;
import org.aerolux.enhancement.EnhancementProvenance;
import org.aerolux.enhancement.EnhancementResult;
import org.aerolux.enhancement.Enhancer;
import org.aerolux.plugins.image.ColourComposite;
import org.aerolux.plugins.image.GeoTiffImport;
import org.aerolux.plugins.image.ImageBands;
import org.aerolux.plugins.image.ImageGeoreference;
import org.aerolux.plugins.image.ImageSink;
import org.aerolux.plugins.image.ImageSources;
import org.aerolux.plugins.region.CroppedRasterSink;
import org.aerolux.plugins.region.ImageRegion;

/**
 * {@code AeroLux Enhance (CUE)}: low-light enhancement of the current image with the enhancement module's
 * {@link Enhancer} (the code of {@code aerolux enhance}), keys {@code model}, {@code bands}, {@code tile},
 * {@code device}, the advanced {@code tile}, {@code gpu_mem_limit}, {@code cudnn_search}, and optionally {@code save=[DIR]};
 * with an area selection only its bounding box is enhanced (read with the tile overlap around it). The result is a new image of the same type (an RGB image
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
            // the default model, or the first enhancement model of a Fiji that does not have it
            String defaultModel = ModelRunFields.defaults(registry, "enhancement", EnhancementOptions.DEFAULT_MODEL).model();
            String[] d = {defaultModel, "default", "auto", "auto", "", "0", "exhaustive"};
            String[] v = MacroOptions.isMacro() || last == null ? d : last;
            List<String> models = ModelRunFields.modelNames(registry, "enhancement");
            if (!models.contains(v[0])) models.add(v[0]);
            GenericDialog gd = Fields.dialog(TITLE);
            gd.addChoice("Model", MacroOptions.choices("model", models), v[0]);
            gd.addStringField("Bands (R,G,B; default = 1,2,3 or 1,1,1)", v[1], 12);
            gd.addChoice("Device", MacroOptions.choices("device", ModelRunFields.DEVICES), v[3]);
            Map<String, String> adv = new LinkedHashMap<>();
            adv.put("tile", v[2]);
            adv.put("gpu_mem_limit", v[5]);
            adv.put("cudnn_search", v[6]);
            AdvancedFields advanced = new AdvancedFields(TITLE, List.of(
                    new AdvancedFields.Field("tile", "Tile (px; auto = whole image when it fits)", null),
                    new AdvancedFields.Field("gpu_mem_limit", "gpu_mem_limit (CUDA only: memory arena, e.g. 8G; 0 = no limit)", null),
                    new AdvancedFields.Field("cudnn_search", "cudnn_search (CUDA only: cuDNN convolution search)", ModelRunFields.CUDNN_SEARCHES)),
                    adv);
            advanced.addTo(gd);
            Fields.directory(gd, "Save (optional folder)", v[4]);
            if (imp.getRoi() != null && imp.getRoi().isArea()) gd.addMessage("Only the bounding box of the selection is enhanced.");
            Fields.show(gd);
            String model = gd.getNextChoice().trim(), bands = gd.getNextString().trim(), device = gd.getNextChoice().trim();
            Map<String, String> a = advanced.read(gd);
            String save = gd.getNextString().trim();
            String[] values = {model, bands, a.get("tile"), device, save, a.get("gpu_mem_limit"), a.get("cudnn_search")};
            if (!MacroOptions.isMacro()) last = values;
            enhance(imp, values, values[4].isEmpty() ? null : Path.of(values[4]));
        });
    }

    static void enhance(ImagePlus imp, String[] v, Path saveDir) {
        if (saveDir != null) OutputFolders.prepare(saveDir, "save");
        Cancellation cancel = TileProgress.start();
        TileProgress progress = new TileProgress(TITLE, cancel, "");
        CudaOptions cuda;
        try {
            cuda = CudaOptions.parse(v[5], v[6]); // neutral names: gpu_mem_limit, cudnn_search
        } catch (UsageException e) {
            throw new UsageException(null, e.getMessage());
        }
        EnhancementOptions options = ModelRunFields.enhancement(v[0], v[1], v[2], v[3]).cuda(cuda).build();
        IJ.showStatus(TITLE + ": loading " + v[0]);
        String stem = Images.stem(imp.getTitle());
        Path file = saveDir == null ? null : saveDir.resolve(stem + "_enhanced" + (fromPhoto(imp) ? ".png" : ".tif"));
        AtomicReference<ImageSink> image = new AtomicReference<>();
        java.time.Instant started = java.time.Instant.now();
        try (Enhancer enhancer = Enhancer.open(options, FijiModels.registry())) {
            ImageRegion region = ImageRegion.of(imp, enhancer.tiledGrid().overlap());
            if (region.selection()) IJ.log(TITLE + ": " + region.describe());
            try (RasterSource source = ImageSources.of(imp, region.window())) {
                run(imp, enhancer, source, region, v, saveDir, file, stem, image, progress, cancel, started);
            }
        }
    }

    private static void run(ImagePlus imp, Enhancer enhancer, RasterSource source, ImageRegion region, String[] v, Path saveDir, Path file,
                            String stem, AtomicReference<ImageSink> image, TileProgress progress, Cancellation cancel,
                            java.time.Instant started) {
            Rectangle box = region.box();
            RasterInfo window = source.info();
            RasterInfo info = new RasterInfo(box.width, box.height, window.bandCount(), window.dataType(),
                    window.georeference().shifted(region.boxXInWindow(), region.boxYInWindow()), window.nodata(), window.bandDescriptions());
            Enhancer.SinkFactory toFile = file == null ? null : EnhancedOutputs.sinkFor(file, source);
            EnhancementResult r = enhancer.enhance(source, windowLike -> {
                RasterInfo like = new RasterInfo(box.width, box.height, windowLike.bandCount(), windowLike.dataType(),
                        windowLike.georeference().shifted(region.boxXInWindow(), region.boxYInWindow()), windowLike.nodata(),
                        windowLike.bandDescriptions());
                ImageSink s = new ImageSink(like.width(), like.height(), like.bandCount(), like.dataType());
                image.set(s);
                return CroppedRasterSink.of(toFile == null ? s : TeeRasterSink.of(s, toFile.open(like)), region);
            }, progress.forEnhancement(), cancel);
            if (saveDir != null) {
                Map<String, Path> outputs = new LinkedHashMap<>();
                outputs.put("enhanced", file);
                Path provenance = saveDir.resolve(stem + "_aerolux.json");
                outputs.put("provenance", provenance);
                String src = imp.getProp(GeoTiffImport.SOURCE);
                JsonObject invocation = new JsonObject();
                invocation.addProperty("line", "run(\"" + TITLE + "\", \"model=" + v[0] + " bands=" + v[1] + " device=" + v[3] + " tile=" + v[2]
                        + " gpu_mem_limit=" + v[5] + " cudnn_search=" + v[6] + " save=[" + saveDir + "]\");");
                Map<String, JsonElement> extra = new LinkedHashMap<>();
                extra.put("invocation", invocation);
                if (region.selection()) extra.put("selection", region.toJson());
                EnhancementProvenance.of(enhancer, r, src != null ? Path.of(src) : saveDir.resolve(imp.getTitle()), outputs, null, started)
                        .with(extra).write(provenance);
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

    /** The enhanced image like the input: RGB again for an RGB input; slice labels and georeferencing kept. */
    private static ImagePlus result(ImagePlus input, ImageSink sink, String title, RasterInfo info) {
        ImagePlus out;
        if (input.getBitDepth() == 24) {
            ImageStack s = sink.stack().orElseThrow();
            ColorProcessor cp = new ColorProcessor(info.width(), info.height());
            cp.setRGB((byte[]) s.getPixels(1), (byte[]) s.getPixels(2), (byte[]) s.getPixels(3));
            out = new ImagePlus(title, cp);
        } else {
            out = sink.image(title);
            ImageStack s = out.getStack();
            for (int i = 1; i <= Math.min(s.getSize(), input.getStackSize()); i++) s.setSliceLabel(input.getStack().getSliceLabel(i), i);
            out.setDisplayRange(input.getDisplayRangeMin(), input.getDisplayRangeMax());
            if (input.isComposite()) out = ColourComposite.of(out, ImageBands.names(input), false);
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
