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

    /** The mode section: whole image or tiles, and why. */
    record Mode(int activationBytesPerPixel, String used, String why, long wholeImageEstimateBytes, long tiledEstimateBytes,
                long budgetBytes, int tiles, String tileWindow, int overlap, int batch, String padding) {}

    /** The value range section. */
    record Range(double low, double high, String method, String detail, String mapping) {}

    /** The tiled-vs-whole section; the figures are null when the gap was not measured. */
    record Gap(boolean measured, String note, String probeWindow, Integer probeTiles, Double maxAbs, Double meanAbs, Double rmse,
               String units, Double maxAbsDataUnits, Double meanAbsDataUnits, Long pixels, Double probeSeconds) {}

    /** The metrics section (with a reference image); a PSNR of identical images (infinite) is null. */
    record Metrics(String referenceBands, String scale, double inputPsnrDb, double inputSsim, double enhancedPsnrDb, double enhancedSsim,
                   String ssim) {}

    private static JsonElement mode(EnhancementResult r, ModelCard card) {
        ModePlan p = r.plan();
        return ProvenanceJson.tree(new Mode(ModePlanner.activationBytesPerPixel(card), p.mode().cliName(), p.reason(), p.wholeBytes(),
                p.tiledBytes(), p.budget().bytes(), p.layout().tileCount(), p.layout().tileWidth() + "x" + p.layout().tileHeight(),
                p.grid().overlap(), p.batch(), "mirror (ImgLib2 Views.extendMirrorSingle) to multiples of " + p.grid().sizeMultiple()
                + ", cropped off"));
    }

    private static JsonElement range(ValueRange r) {
        return ProvenanceJson.tree(new Range(r.low(), r.high(), r.method().name().toLowerCase(java.util.Locale.ROOT), r.detail(),
                "model input = clamp((raw - low) / (high - low), 0, 1); output = low + clamp(y, 0, 1) * (high - low),"
                        + " rounded and clamped to the data type"));
    }

    private static JsonElement gap(TiledGap g) {
        if (!g.measured())
            return ProvenanceJson.tree(new Gap(false, g.note(), null, null, null, null, null, null, null, null, null, null));
        return ProvenanceJson.tree(new Gap(true, g.note(), g.window().orElse(""), g.probeTiles(), g.maxAbs(), g.meanAbs(), g.rmse(),
                "model output scale [0, 1]", g.maxAbsData(), g.meanAbsData(), g.pixels(), seconds(g.time())));
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

    private static JsonElement metrics(ReferenceComparison c) {
        return ProvenanceJson.tree(new Metrics(c.channels(), "[0, 1] through the value range", c.before().psnr(), c.before().ssim(),
                c.after().psnr(), c.after().ssim(), "Gaussian 11x11, sigma 1.5, K1 0.01, K2 0.03 (Wang et al. 2004)"));
    }

    private static double seconds(Duration d) { return ProvenanceJson.seconds(d); }
}
