package org.aerolux.plugins;

import ij.gui.GenericDialog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.aerolux.core.UsageException;
import org.aerolux.core.inference.CudaOptions;
import org.aerolux.core.model.BandList;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.model.ModelRegistry;
import org.aerolux.core.model.RegistryEntry;
import org.aerolux.core.tile.Blender;
import org.aerolux.enhancement.EnhancementMode;
import org.aerolux.enhancement.EnhancementOptions;
import org.aerolux.segmentation.Resample;
import org.aerolux.segmentation.SegmentationOptions;
import org.aerolux.segmentation.Temperature;

/**
 * The dialog fields a segmentation model run shares (Segment, Calibration, Batch with task=segment), with the
 * macro keys of INTERFACE.md: {@code model}, {@code bands}, {@code tile}, {@code overlap}, {@code blend},
 * {@code device}, {@code batch}, {@code temperature}, {@code resample} ({@code auto} or {@code off}, the command
 * line's {@code --resample}), and the CUDA tuning {@code gpu_mem_limit} and
 * {@code cudnn_search} (the command line's {@code --gpu-mem-limit} and {@code --cudnn-search}). {@code tile},
 * {@code overlap} and {@code bands} take {@code auto} / {@code default} for the model card's values, as the
 * command line does when they are left out; {@code batch} takes {@code auto} (from free GPU memory; 4 on the CPU)
 * or a number.
 */
final class ModelRunFields {
    static final List<String> BLENDS = List.of("cosine", "center", "gaussian");
    static final List<String> DEVICES = List.of("auto", "cpu", "gpu");
    static final List<String> CUDNN_SEARCHES = List.of("exhaustive", "heuristic", "default");
    static final List<String> RESAMPLES = List.of("auto", "off");
    private static Values last;

    /** What the fields hold. */
    record Values(String model, String bands, String tile, String overlap, String blend, String device, String batch, String temperature,
                  String gpuMemLimit, String cudnnSearch, String resample) {
        /** Resample auto (the default). */
        Values(String model, String bands, String tile, String overlap, String blend, String device, String batch, String temperature,
               String gpuMemLimit, String cudnnSearch) {
            this(model, bands, tile, overlap, blend, device, batch, temperature, gpuMemLimit, cudnnSearch, "auto");
        }
    }

    private ModelRunFields() {}

    /** The fixed defaults (the command line's). */
    static Values defaults(ModelRegistry registry, String type, String fallbackModel) {
        List<String> names = modelNames(registry, type);
        String model = names.contains(fallbackModel) || names.isEmpty() || type.isEmpty() ? fallbackModel : names.get(0);
        return new Values(model, "default", "auto", "auto", "cosine", "auto", "auto", "auto", "0", "exhaustive", "auto");
    }

    /** The registry's models of a type (all for an empty type). */
    static List<String> modelNames(ModelRegistry registry, String type) {
        List<String> names = new ArrayList<>();
        for (RegistryEntry e : registry.entries()) if (type.isEmpty() || type.equalsIgnoreCase(e.type())) names.add(e.name());
        return names;
    }

    /** Adds the fields, starting from the last values used (interactive) or the defaults (macro). */
    static void add(GenericDialog gd, ModelRegistry registry, String type, String fallbackModel, boolean withTemperature) {
        Values d = defaults(registry, type, fallbackModel);
        Values v = MacroOptions.isMacro() || last == null ? d : last;
        List<String> models = modelNames(registry, type);
        if (!models.contains(v.model())) models.add(v.model());
        gd.addChoice("Model", MacroOptions.choices("model", models), v.model());
        gd.addStringField("Bands (1-based, model order; default = first bands)", v.bands(), 12);
        gd.addStringField("Tile (px; auto = model card)", v.tile(), 8);
        gd.addStringField("Overlap (px; auto = model card)", v.overlap(), 8);
        gd.addChoice("Blend", MacroOptions.choices("blend", BLENDS), v.blend());
        gd.addChoice("Device", MacroOptions.choices("device", DEVICES), v.device());
        gd.addStringField("Batch (tiles per model call; auto = from free GPU memory)", v.batch(), 8);
        if (withTemperature) gd.addStringField("Temperature (auto = model card)", v.temperature(), 8);
        if (withTemperature)
            gd.addChoice("Resample (auto = run at the model card's ground resolution)", MacroOptions.choices("resample", RESAMPLES),
                    v.resample());
        // the first word of a label is its macro key: gpu_mem_limit, cudnn_search
        gd.addStringField("gpu_mem_limit (CUDA memory arena, e.g. 8G; 0 = no limit)", v.gpuMemLimit(), 8);
        gd.addChoice("cudnn_search (cuDNN convolution search on CUDA)", MacroOptions.choices("cudnn_search", CUDNN_SEARCHES),
                v.cudnnSearch());
    }

    /** Reads the fields back (in the order added) and remembers them for the next interactive run. */
    static Values read(GenericDialog gd, boolean withTemperature) {
        String model = gd.getNextChoice().trim(), bands = gd.getNextString().trim(), tile = gd.getNextString().trim(),
                overlap = gd.getNextString().trim(), blend = gd.getNextChoice().trim(), device = gd.getNextChoice().trim(),
                batch = gd.getNextString().trim(), temperature = withTemperature ? gd.getNextString().trim() : "auto",
                resample = withTemperature ? gd.getNextChoice().trim() : "auto",
                memLimit = gd.getNextString().trim(), cudnn = gd.getNextChoice().trim();
        Values v = new Values(model, bands, tile, overlap, blend, device, batch, temperature, memLimit, cudnn, resample);
        if (!MacroOptions.isMacro()) last = v;
        return v;
    }

    /** The options builder of these values (outputs and overwrite are the caller's). */
    static SegmentationOptions.Builder segmentation(Values v) {
        int batch;
        try {
            batch = SegmentationOptions.parseBatch(v.batch());
        } catch (UsageException e) {
            throw new UsageException(null, "batch must be auto or a number of tiles (at least 1), got '" + v.batch() + "'");
        }
        CudaOptions cuda = CudaOptions.parse(v.gpuMemLimit(), v.cudnnSearch()); // neutral names: gpu_mem_limit, cudnn_search
        return SegmentationOptions.builder().model(v.model()).bands(bands(v.bands())).tile(pixels("tile", v.tile()))
                .overlap(pixels("overlap", v.overlap())).blend(Blender.parse(v.blend())).batch(batch)
                .device(DeviceRequest.parse(v.device())).cuda(cuda).temperature(Temperature.parse(v.temperature()))
                .resample(resample(v.resample()));
    }

    /** "auto" or "off" (the key {@code resample}). */
    static Resample resample(String text) {
        try {
            return Resample.parse(text);
        } catch (UsageException e) {
            throw new UsageException(null, "resample must be auto or off, got '" + text + "'");
        }
    }

    /**
     * The enhancement options of Fiji's keys {@code model}, {@code bands}, {@code tile} and {@code device}: a tile
     * asks for tiled mode; everything else is the command line's default.
     */
    static EnhancementOptions.Builder enhancement(String model, String bands, String tile, String device) {
        EnhancementOptions.Builder b = EnhancementOptions.builder().model(model).bands(bands(bands)).device(DeviceRequest.parse(device));
        pixels("tile", tile).ifPresent(t -> b.tile(t).mode(EnhancementMode.TILED));
        return b;
    }

    /** "3,2,1" as band numbers; "default" (or empty) as null, the model card's default ({@link BandList}). */
    static int[] bands(String text) { return BandList.parse(text); }

    /** "512" as 512; "auto" (or empty) as empty, the model card's value. */
    static OptionalInt pixels(String key, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("auto") || t.equals("default")) return OptionalInt.empty();
        try {
            return OptionalInt.of(Integer.parseInt(t));
        } catch (NumberFormatException e) {
            throw new UsageException(null, key + " must be a number of pixels or auto, got '" + text + "'");
        }
    }
}
