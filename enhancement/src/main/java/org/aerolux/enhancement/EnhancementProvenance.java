package org.aerolux.enhancement;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import org.aerolux.core.io.AtomicOutput;
import org.aerolux.core.model.DeviceReport;
import org.aerolux.core.model.ModelCard;
import org.aerolux.core.model.ResolvedModel;
import org.aerolux.core.pipeline.PipelineResult;
import org.aerolux.core.raster.RasterInfo;

/**
 * The provenance record of one enhancement ({@code STEM_aerolux.json}): the model (name, file, sha256, whether
 * the registry verified it, the whole card), every parameter as given and as resolved, the device actually used
 * and why, the mode and why, the value range, the tiled-vs-whole gap, timings and library versions.
 */
public final class EnhancementProvenance {
    private EnhancementProvenance() {}

    /**
     * @param enhancer  the enhancer that ran (model and options)
     * @param result    what it did
     * @param input     the input file
     * @param outputs   output role to file, e.g. "enhanced" to the enhanced image
     * @param reference the comparison with a reference image, or null
     */
    public static JsonObject of(Enhancer enhancer, EnhancementResult result, Path input, Map<String, Path> outputs,
                                ReferenceComparison reference) {
        JsonObject o = new JsonObject();
        o.addProperty("tool", "aerolux enhance");
        o.addProperty("created", Instant.now().toString());
        o.addProperty("input", input.toAbsolutePath().normalize().toString());
        o.add("input_info", info(result.input()));
        JsonObject outs = new JsonObject();
        outputs.forEach((k, v) -> outs.addProperty(k, v.toAbsolutePath().normalize().toString()));
        o.add("outputs", outs);
        o.add("model", model(enhancer));
        o.add("parameters", parameters(enhancer.options(), enhancer));
        DeviceReport d = result.run().device();
        JsonObject dev = new JsonObject();
        dev.addProperty("requested", d.requested().toString());
        dev.addProperty("used", d.device());
        dev.addProperty("provider", d.provider());
        dev.addProperty("why", d.reason());
        dev.addProperty("intra_op_threads", d.intraOpThreads());
        o.add("device", dev);
        o.add("mode", mode(result, enhancer.model().card()));
        o.add("value_range", range(result.range()));
        JsonObject bands = new JsonObject();
        bands.addProperty("model_order", result.bands().oneBasedText());
        bands.addProperty("explicit", result.bands().explicit());
        bands.addProperty("grey", result.bands().isGrey());
        bands.addProperty("grey_reduction", result.bands().isGrey() ? "mean of the three enhanced channels" : "none");
        JsonArray untouched = new JsonArray();
        result.untouched().forEach(b -> untouched.add(b + 1));
        bands.add("copied_unchanged", untouched);
        o.add("bands", bands);
        o.add("tiled_vs_whole", gap(result.gap()));
        o.add("timings_s", timings(result));
        if (reference != null) o.add("metrics", metrics(reference));
        o.add("versions", versions(d));
        return o;
    }

    /** Writes the record atomically, as every front end does. */
    public static void write(JsonObject record, Path target) {
        byte[] bytes = (new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().serializeSpecialFloatingPointValues()
                .create().toJson(record) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicOutput.write(target, out -> out.write(bytes));
    }

    private static JsonObject info(RasterInfo i) {
        JsonObject o = new JsonObject();
        o.addProperty("width", i.width());
        o.addProperty("height", i.height());
        o.addProperty("bands", i.bandCount());
        o.addProperty("data_type", i.dataType().gdalName());
        o.addProperty("crs", i.georeference().crs().map(c -> c.label()).orElse(null));
        JsonArray affine = null;
        if (i.georeference().transform().isPresent()) {
            affine = new JsonArray();
            for (double v : i.georeference().transform().get().toGdal()) affine.add(v);
        }
        o.add("affine", affine == null ? JsonNull.INSTANCE : affine);
        JsonArray nd = new JsonArray();
        for (OptionalDouble v : i.nodata()) {
            if (v.isEmpty()) nd.add(JsonNull.INSTANCE);
            else if (Double.isNaN(v.getAsDouble())) nd.add("nan");
            else nd.add(v.getAsDouble());
        }
        o.add("nodata", nd);
        return o;
    }

    private static JsonObject model(Enhancer e) {
        JsonObject o = new JsonObject();
        ModelCard card = e.model().card();
        o.addProperty("name", card.name());
        o.addProperty("version", card.version());
        ResolvedModel rm = e.resolvedModel().orElse(null);
        o.addProperty("file", rm == null ? null : rm.file().toAbsolutePath().normalize().toString());
        o.addProperty("sha256", rm == null ? null : rm.sha256());
        o.addProperty("registry_verified", rm != null && rm.verified());
        JsonObject c = new JsonObject();
        card.toMetadata().forEach(c::addProperty);
        o.add("card", c);
        return o;
    }

    private static JsonObject parameters(EnhancementOptions p, Enhancer e) {
        JsonObject o = new JsonObject();
        o.addProperty("model", p.model().orElse(null));
        o.addProperty("bands", p.bands().map(b -> join(b)).orElse("default"));
        o.addProperty("mode", p.mode().cliName());
        o.addProperty("tile", e.tiledGrid().tileSize());
        o.addProperty("tile_given", p.tile().isPresent());
        o.addProperty("overlap", e.tiledGrid().overlap());
        o.addProperty("overlap_given", p.overlap().isPresent());
        o.addProperty("blend", p.blender().name());
        o.addProperty("batch", p.batch());
        o.addProperty("device", p.device().toString());
        o.addProperty("threads", p.threads());
        o.addProperty("memory_budget_bytes", p.budget().bytes());
        o.addProperty("memory_budget", p.budget().toString());
        o.addProperty("range", p.range().map(r -> ValueRange.fmt(r.low()) + "," + ValueRange.fmt(r.high())).orElse("default"));
        o.addProperty("gap_probe", p.gapProbe() == GapProbe.AUTO ? "auto" : p.gapProbe() == GapProbe.OFF ? "off" : Integer.toString(p.gapProbe()));
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

    private static JsonObject timings(EnhancementResult r) {
        PipelineResult p = r.run();
        JsonObject o = new JsonObject();
        o.addProperty("value_range", seconds(r.rangeTime()));
        o.addProperty("run", seconds(p.total()));
        o.addProperty("model", seconds(p.model()));
        o.addProperty("read", seconds(p.read()));
        o.addProperty("blend", seconds(p.blend()));
        o.addProperty("write", seconds(p.write()));
        o.addProperty("gap_probe", seconds(r.gap().time()));
        o.addProperty("total", seconds(r.total()));
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

    private static JsonObject versions(DeviceReport d) {
        JsonObject o = new JsonObject();
        String v = Enhancer.class.getPackage().getImplementationVersion();
        o.addProperty("aerolux", v == null ? "dev" : v);
        o.addProperty("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        o.addProperty("runtime", d.runtime());
        o.addProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return o;
    }

    private static com.google.gson.JsonElement num(double v) {
        return Double.isFinite(v) ? new com.google.gson.JsonPrimitive(v) : new com.google.gson.JsonPrimitive(Double.toString(v));
    }

    private static double seconds(Duration d) { return Math.round(d.toNanos() / 1e6) / 1e3; }

    private static String join(int[] b) {
        StringBuilder sb = new StringBuilder();
        for (int x : b) sb.append(sb.length() == 0 ? "" : ",").append(x);
        return sb.toString();
    }
}
