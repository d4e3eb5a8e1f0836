package org.aerolux.enhancement;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aerolux.core.model.DeviceReport;
import org.aerolux.core.model.ModelCard;
import org.aerolux.core.pipeline.PipelineResult;
import org.aerolux.core.provenance.DeviceInfo;
import org.aerolux.core.provenance.InputInfo;
import org.aerolux.core.provenance.ModelInfo;
import org.aerolux.core.provenance.ProvenanceJson;
import org.aerolux.core.provenance.ProvenanceRecord;
import org.aerolux.core.provenance.Versions;

/**
 * The provenance record of one enhancement ({@code STEM_aerolux.json}) in the common schema of
 * {@link ProvenanceRecord}: the input, the model (name, file, sha256, whether the registry verified it, the whole
 * card), every parameter as given and as resolved, the device actually used and why, versions and timings; then
 * enhancement's own sections: the mode and why, the value range, the bands, the tiled-vs-whole gap and, with a
 * reference image, the metrics.
 */
public final class EnhancementProvenance {
    private EnhancementProvenance() {}

    /**
     * @param enhancer  the enhancer that ran (model and options)
     * @param result    what it did
     * @param input     the input file (one that does not exist for an image from memory)
     * @param outputs   output role to file, e.g. "enhanced" to the enhanced image
     * @param reference the comparison with a reference image, or null
     * @param started   when the run started
     */
    public static ProvenanceRecord of(Enhancer enhancer, EnhancementResult result, Path input, Map<String, Path> outputs,
                                      ReferenceComparison reference, Instant started) {
        Map<String, String> outs = new LinkedHashMap<>();
        outputs.forEach((k, v) -> outs.put(k, v.getFileName().toString()));
        Map<String, JsonElement> sections = new LinkedHashMap<>();
        sections.put("mode", mode(result, enhancer.model().card()));
        sections.put("value_range", range(result.range()));
        JsonObject bands = new JsonObject();
        bands.addProperty("model_order", result.bands().oneBasedText());
        bands.addProperty("explicit", result.bands().explicit());
        bands.addProperty("grey", result.bands().isGrey());
        bands.addProperty("grey_reduction", result.bands().isGrey() ? "mean of the three enhanced channels" : "none");
        JsonArray untouched = new JsonArray();
        result.untouched().forEach(b -> untouched.add(b + 1));
        bands.add("copied_unchanged", untouched);
        sections.put("bands", bands);
        sections.put("tiled_vs_whole", gap(result.gap()));
        if (reference != null) sections.put("metrics", metrics(reference));
        DeviceReport d = result.run().device();
        ModelInfo model = ModelInfo.of(enhancer.options().model().orElse(null), enhancer.model().card(), enhancer.resolvedModel());
        return ProvenanceRecord.of("enhance", started, InputInfo.of(input, result.input()), outs, model,
                parameters(enhancer.options(), enhancer), DeviceInfo.of(d), Versions.of(d), timings(result), sections);
    }

    /** Writes the record atomically, as every front end does. */
    public static void write(ProvenanceRecord record, Path target) { record.write(target); }

    private static JsonObject parameters(EnhancementOptions p, Enhancer e) {
        JsonObject o = new JsonObject();
        o.addProperty("bands", p.bandsText());
        o.addProperty("mode", p.mode().cliName());
        o.addProperty("tile", e.tiledGrid().tileSize());
        o.addProperty("tile_given", p.tile().isPresent());
        o.addProperty("overlap", e.tiledGrid().overlap());
        o.addProperty("overlap_given", p.overlap().isPresent());
        o.addProperty("blend", p.blender().name());
        o.addProperty("batch", p.batch());
        o.addProperty("device", p.device().toString());
        o.addProperty("threads", p.threads());
        o.addProperty("gpu_mem_limit_bytes", p.cuda().gpuMemLimitBytes());
        o.addProperty("cudnn_search", p.cuda().cudnnSearch().cliName());
        o.addProperty("memory_budget_bytes", p.budget().bytes());
        o.addProperty("memory_budget", p.budget().toString());
        o.addProperty("range", p.range().map(r -> ValueRange.fmt(r.low()) + "," + ValueRange.fmt(r.high())).orElse("default"));
        o.addProperty("gap_probe", p.gapProbeText());
        o.addProperty("side_by_side", p.sideBySide());
        o.addProperty("overwrite", p.overwrite());
        return o;
    }

    private static JsonObject mode(EnhancementResult r, ModelCard card) {
        JsonObject o = new JsonObject();
        ModePlan p = r.plan();
        o.addProperty("activation_bytes_per_pixel", ModePlanner.activationBytesPerPixel(card));
        o.addProperty("used", p.mode().cliName());
        o.addProperty("why", p.reason());
        o.addProperty("whole_image_estimate_bytes", p.wholeBytes());
        o.addProperty("tiled_estimate_bytes", p.tiledBytes());
        o.addProperty("budget_bytes", p.budget().bytes());
        o.addProperty("tiles", p.layout().tileCount());
        o.addProperty("tile_window", p.layout().tileWidth() + "x" + p.layout().tileHeight());
        o.addProperty("overlap", p.grid().overlap());
        o.addProperty("batch", p.batch());
        o.addProperty("padding", "mirror (ImgLib2 Views.extendMirrorSingle) to multiples of " + p.grid().sizeMultiple()
                + ", cropped off");
        return o;
    }

    private static JsonObject range(ValueRange r) {
        JsonObject o = new JsonObject();
        o.addProperty("low", r.low());
        o.addProperty("high", r.high());
        o.addProperty("method", r.method().name().toLowerCase(java.util.Locale.ROOT));
        o.addProperty("detail", r.detail());
        o.addProperty("mapping", "model input = clamp((raw - low) / (high - low), 0, 1); output = low + clamp(y, 0, 1) * (high - low),"
                + " rounded and clamped to the data type");
        return o;
    }

    private static JsonObject gap(TiledGap g) {
        JsonObject o = new JsonObject();
        o.addProperty("measured", g.measured());
        o.addProperty("note", g.note());
        if (g.measured()) {
            o.addProperty("probe_window", g.window().orElse(""));
            o.addProperty("probe_tiles", g.probeTiles());
            o.addProperty("max_abs", g.maxAbs());
            o.addProperty("mean_abs", g.meanAbs());
            o.addProperty("rmse", g.rmse());
            o.addProperty("units", "model output scale [0, 1]");
            o.addProperty("max_abs_data_units", g.maxAbsData());
            o.addProperty("mean_abs_data_units", g.meanAbsData());
            o.addProperty("pixels", g.pixels());
            o.addProperty("probe_seconds", seconds(g.time()));
        }
        return o;
    }

    private static Map<String, Double> timings(EnhancementResult r) {
        PipelineResult p = r.run();
        Map<String, Double> o = new LinkedHashMap<>();
        o.put("value_range", seconds(r.rangeTime()));
        o.put("run", seconds(p.total()));
        o.put("model", seconds(p.model()));
        o.put("read", seconds(p.read()));
        o.put("blend", seconds(p.blend()));
        o.put("write", seconds(p.write()));
        o.put("gap_probe", seconds(r.gap().time()));
        o.put("total", seconds(r.total()));
        return o;
    }

    private static JsonObject metrics(ReferenceComparison c) {
        JsonObject o = new JsonObject();
        o.addProperty("reference_bands", c.channels());
        o.addProperty("scale", "[0, 1] through the value range");
        o.add("input_psnr_db", num(c.before().psnr()));
        o.add("input_ssim", num(c.before().ssim()));
        o.add("enhanced_psnr_db", num(c.after().psnr()));
        o.add("enhanced_ssim", num(c.after().ssim()));
        o.addProperty("ssim", "Gaussian 11x11, sigma 1.5, K1 0.01, K2 0.03 (Wang et al. 2004)");
        return o;
    }

    private static JsonElement num(double v) { return ProvenanceJson.number(v); }

    private static double seconds(Duration d) { return ProvenanceJson.seconds(d); }
}
