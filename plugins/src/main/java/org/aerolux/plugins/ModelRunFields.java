package org.aerolux.plugins;

import ij.gui.GenericDialog;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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

    /** The values a dialog starts from: the last used (interactive) or the defaults (macro). */
    static Values initial(ModelRegistry registry, String type, String fallbackModel) {
        Values d = defaults(registry, type, fallbackModel);
        return MacroOptions.isMacro() || last == null ? d : last;
    }

    /** Adds every field to one dialog (Calibration, Batch): the everyday ones, then the advanced ones. */
    static void add(GenericDialog gd, ModelRegistry registry, String type, String fallbackModel, boolean withTemperature) {
        Values v = initial(registry, type, fallbackModel);
        addEveryday(gd, registry, type, v);
        for (AdvancedFields.Field f : advancedFields(withTemperature)) {
            String value = advancedValues(v).get(f.key());
            if (f.choices() == null) gd.addStringField(f.label(), value, 8);
            else gd.addChoice(f.label(), MacroOptions.choices(f.key(), f.choices()), value);
        }
    }

    /** The everyday fields: model, bands, device. */
    static void addEveryday(GenericDialog gd, ModelRegistry registry, String type, Values v) {
        List<String> models = modelNames(registry, type);
        if (!models.contains(v.model())) models.add(v.model());
        gd.addChoice("Model", MacroOptions.choices("model", models), v.model());
        gd.addStringField("Bands (1-based, model order; default = first bands)", v.bands(), 12);
        gd.addChoice("Device", MacroOptions.choices("device", DEVICES), v.device());
    }

    /** The expert and CUDA fields, labelled with their macro keys first. */
    static List<AdvancedFields.Field> advancedFields(boolean withTemperature) {
        List<AdvancedFields.Field> f = new ArrayList<>();
        f.add(new AdvancedFields.Field("tile", "Tile (px; auto = model card)", null));
        f.add(new AdvancedFields.Field("overlap", "Overlap (px; auto = model card)", null));
        f.add(new AdvancedFields.Field("blend", "Blend", BLENDS));
        f.add(new AdvancedFields.Field("batch", "Batch (tiles per model call; auto = from free GPU memory)", null));
        if (withTemperature) f.add(new AdvancedFields.Field("temperature", "Temperature (auto = model card)", null));
        if (withTemperature)
            f.add(new AdvancedFields.Field("resample", "Resample (auto = run at the model card's ground resolution)", RESAMPLES));
        // the first word of a label is its macro key: gpu_mem_limit, cudnn_search
        f.add(new AdvancedFields.Field("gpu_mem_limit", "gpu_mem_limit (CUDA only: memory arena, e.g. 8G; 0 = no limit)", null));
        f.add(new AdvancedFields.Field("cudnn_search", "cudnn_search (CUDA only: cuDNN convolution search)", CUDNN_SEARCHES));
        return f;
    }

    static Map<String, String> advancedValues(Values v) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("tile", v.tile());
        m.put("overlap", v.overlap());
        m.put("blend", v.blend());
        m.put("batch", v.batch());
        m.put("temperature", v.temperature());
        m.put("resample", v.resample());
        m.put("gpu_mem_limit", v.gpuMemLimit());
        m.put("cudnn_search", v.cudnnSearch());
        return m;
    }

    /** Reads back what {@link #add} added (in that order) and remembers it for the next interactive run. */
    static Values read(GenericDialog gd, boolean withTemperature) {
        String model = gd.getNextChoice().trim(), bands = gd.getNextString().trim(), device = gd.getNextChoice().trim();
        Map<String, String> a = new LinkedHashMap<>();
        for (AdvancedFields.Field f : advancedFields(withTemperature))
            a.put(f.key(), (f.choices() == null ? gd.getNextString() : gd.getNextChoice()).trim());
        return remember(model, bands, device, a);
    }

    /** Reads the everyday fields of {@link #addEveryday} and takes the rest from the advanced fields. */
    static Values read(GenericDialog gd, AdvancedFields advanced) {
        String model = gd.getNextChoice().trim(), bands = gd.getNextString().trim(), device = gd.getNextChoice().trim();
        return remember(model, bands, device, advanced.read(gd));
    }

    private static Values remember(String model, String bands, String device, Map<String, String> a) {
        Values v = new Values(model, bands, a.get("tile"), a.get("overlap"), a.get("blend"), device, a.get("batch"),
                a.getOrDefault("temperature", "auto"), a.get("gpu_mem_limit"), a.get("cudnn_search"),
                a.getOrDefault("resample", "auto"));
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
