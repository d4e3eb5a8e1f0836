package org.aerolux.segmentation;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aerolux.core.model.DeviceReport;
import org.aerolux.core.pipeline.PipelineResult;
import org.aerolux.core.provenance.DeviceInfo;
import org.aerolux.core.provenance.InputInfo;
import org.aerolux.core.provenance.ModelInfo;
import org.aerolux.core.provenance.ProvenanceJson;
import org.aerolux.core.provenance.ProvenanceRecord;
import org.aerolux.core.provenance.Versions;
import org.aerolux.core.raster.RasterInfo;

/**
 * The provenance record {@code STEM_aerolux.json} of a segmentation run, in the common schema of
 * {@link ProvenanceRecord}: input file facts, the model (name, file, sha256 and whether it was verified against the
 * registry, full card), every parameter, the device actually used and why, library versions, timings, then the
 * segmentation's own sections: tiles run and skipped, class statistics and vectors. Only facts of the run are
 * recorded: no environment variables, no user names, no system properties beyond versions.
 */
public final class Provenance {
    /** Version of the layout (the common one). */
    public static final int FORMAT_VERSION = ProvenanceRecord.FORMAT_VERSION;

    private Provenance() {}

    /** The top-level fields of every segmentation record, in order; extra fields may not take these names. */
    public static final List<String> STANDARD_FIELDS = java.util.stream.Stream.concat(ProvenanceRecord.COMMON_FIELDS.stream(),
            java.util.stream.Stream.of("resolution", "tiles", "class_statistics", "vectors")).toList();

    /** The provenance of a finished file run. */
    public static JsonObject of(Segmenter segmenter, Path input, RasterInfo info, Map<SegmentationOutput, Path> outputs,
                                SegmentationResult result, Instant started, Duration total) {
        return of(segmenter, input, info, outputs, result, started, total, Map.of());
    }

    /**
     * The provenance of a finished file run, with {@code extra} top-level fields after the standard ones (e.g. the
     * executor of a distributed run).
     *
     * @throws IllegalArgumentException when an extra field has the name of a standard one
     */
    public static JsonObject of(Segmenter segmenter, Path input, RasterInfo info, Map<SegmentationOutput, Path> outputs,
                                SegmentationResult result, Instant started, Duration total, Map<String, JsonElement> extra) {
        checkExtraFields(extra.keySet());
        Map<String, String> outs = new LinkedHashMap<>();
        outputs.forEach((k, v) -> outs.put(k.cliName(), v.getFileName().toString()));
        Map<String, JsonElement> sections = new LinkedHashMap<>();
        sections.put("resolution", resolution(result.resolution()));
        sections.put("tiles", tiles(result.pipeline()));
        sections.put("class_statistics", statistics(result.statistics()));
        sections.put("vectors", result.vectors().<JsonElement>map(v -> v).orElse(JsonNull.INSTANCE));
        extra.forEach((k, v) -> sections.put(k, v.deepCopy()));
        DeviceReport d = result.pipeline().device();
        return ProvenanceRecord.of("segment", started, InputInfo.of(input, info), outs, model(segmenter), parameters(segmenter, result),
                DeviceInfo.of(d), Versions.of(d), timings(segmenter, result.pipeline(), total), sections).toJson();
    }

    /** @throws IllegalArgumentException when one of these names is a standard field */
    static void checkExtraFields(Collection<String> names) {
        for (String n : names)
            if (STANDARD_FIELDS.contains(n)) throw new IllegalArgumentException("provenance field '" + n + "' is a standard field");
    }

    /** Writes the record atomically. */
    public static void write(JsonObject record, Path target) { ProvenanceJson.write(record, target); }

    static ModelInfo model(Segmenter s) { return ModelInfo.of(s.options().model(), s.model().card(), s.resolved()); }

    static JsonObject parameters(Segmenter s, SegmentationResult r) {
        SegmentationOptions opt = s.options();
        JsonObject o = new JsonObject();
        JsonArray bands = new JsonArray();
        for (int b : r.bands()) bands.add(b);
        o.add("bands", bands);
        o.addProperty("bands_from", r.bandsFrom());
        o.addProperty("tile", r.grid().tileSize());
        o.addProperty("overlap", r.grid().overlap());
        o.addProperty("size_multiple", r.grid().sizeMultiple());
        boolean planned = r.memoryPlan() != null && r.memoryPlan().grid().tileSize() != opt.grid(s.model().card()).tileSize();
        o.addProperty("tile_from", opt.tile().isPresent() ? "--tile" : planned ? "memory plan (the model card's did not fit the Java heap)" : "model card");
        o.addProperty("overlap_from", opt.overlap().isPresent() ? "--overlap" : "model card (at least "
                + SegmentationOptions.MIN_DEFAULT_OVERLAP + " px where the tile allows)");
        o.addProperty("blend", opt.blend().name());
        o.addProperty("blended", "probabilities (softmax(z / T) per tile, then weighted average)");
        o.addProperty("batch", r.pipeline().batchSize());
        o.addProperty("batch_option", opt.batchText());
        o.addProperty("batch_from", r.batchFrom());
        if (r.memoryPlan() != null) o.addProperty("memory_plan", r.memoryPlan().summary());
        o.addProperty("gpu_mem_limit_bytes", opt.cuda().gpuMemLimitBytes());
        o.addProperty("cudnn_search", opt.cuda().cudnnSearch().cliName());
        o.addProperty("device", opt.device().toString());
        o.addProperty("threads", opt.threads());
        o.addProperty("temperature_option", opt.temperature().toString());
        o.addProperty("temperature", r.temperature());
        JsonArray outs = new JsonArray();
        for (SegmentationOutput out : opt.outputs()) outs.add(out.cliName());
        o.add("outputs", outs);
        o.addProperty("overwrite", opt.overwrite());
        o.addProperty("resample", opt.resample().cliName());
        o.add("input_resolution_m", opt.inputResolution().isPresent() ? number(opt.inputResolution().getAsDouble()) : JsonNull.INSTANCE);
        return o;
    }

    static Map<String, Double> timings(Segmenter s, PipelineResult p, Duration total) {
        Map<String, Double> o = new LinkedHashMap<>();
        o.put("model_load", seconds(s.loadTime()));
        o.put("run", seconds(total));
        o.put("pipeline", seconds(p.total()));
        o.put("read_normalise", seconds(p.read()));
        o.put("model", seconds(p.model()));
        o.put("blend", seconds(p.blend()));
        o.put("write", seconds(p.write()));
        o.put("tiles_per_second", ProvenanceJson.round(p.tilesPerSecond(), 3));
        return o;
    }

    /**
     * Ground resolutions and the resampling decision: input GSD (x, y and their geometric mean) and where it came
     * from, the model's, the factors, whether resampling ran, the model grid, and why.
     */
    static JsonObject resolution(ResolutionPlan p) {
        JsonObject o = new JsonObject();
        o.addProperty("mode", p.mode().cliName());
        o.add("input_gsd_m", finite(p.input().mean()));
        o.add("input_gsd_x_m", finite(p.input().x()));
        o.add("input_gsd_y_m", finite(p.input().y()));
        o.addProperty("input_gsd_from", p.input().from());
        o.add("model_gsd_m", p.modelGsd() > 0 ? number(p.modelGsd()) : JsonNull.INSTANCE);
        o.add("factor", finite(p.factor()));
        o.add("factor_x", finite(p.factorX()));
        o.add("factor_y", finite(p.factorY()));
        o.addProperty("tolerance", ResolutionPlan.TOLERANCE);
        o.addProperty("resampled", p.resampled());
        p.grid().ifPresentOrElse(g -> {
            JsonArray a = new JsonArray();
            a.add(g.modelWidth());
            a.add(g.modelHeight());
            o.add("model_grid", a);
            o.addProperty("method", (g.scaleX() >= 1 && g.scaleY() >= 1 ? "area averaging" : g.scaleX() <= 1 && g.scaleY() <= 1
                    ? "bilinear" : "area averaging / bilinear per axis") + " to the model grid; probabilities bilinear back to the input grid");
        }, () -> o.add("model_grid", JsonNull.INSTANCE));
        o.addProperty("reason", p.reason());
        return o;
    }

    private static JsonElement finite(double v) { return ProvenanceJson.number(v); }

    private static JsonElement number(double v) { return ProvenanceJson.number(v); }

    /** The tiles section. */
    record Tiles(long total, long run, long skippedNodata, long retriedBatches, Backoff memoryBackoff, int columns, int rows,
                 int windowWidth, int windowHeight, long validPixels, long nodataPixels) {}

    /** The memory back-off of the tiles section. */
    record Backoff(String summary, int requestedBatch, int finalBatch, int requestedTile, int finalTile, int finalOverlap,
                   List<String> events) {}

    /** The class statistics section. */
    record Statistics(String areaUnit, boolean areasKnown, String areaMethod, long dataPixels, long nodataPixels, double dataAreaM2,
                      List<ClassEntry> classes) {}

    /** One class of the statistics. */
    record ClassEntry(int index, String name, String color, long pixels, double areaM2, double fraction) {}

    static JsonObject tiles(PipelineResult p) {
        org.aerolux.core.pipeline.MemoryBackoff b = p.backoff();
        Backoff backoff = new Backoff(b.summary(), b.requestedBatch(), b.finalBatch(), b.requestedTile(), b.finalTile(),
                b.finalGrid().overlap(), b.events());
        return ProvenanceJson.tree(new Tiles(p.tilesTotal(), p.tilesRun(), p.tilesSkipped(), p.retries(), backoff,
                p.layout().columns().size(), p.layout().rows().size(), p.layout().tileWidth(), p.layout().tileHeight(), p.validPixels(),
                p.nodataPixels())).getAsJsonObject();
    }

    static JsonObject statistics(ClassStatistics.Summary s) {
        List<ClassEntry> classes = s.classes().stream()
                .map(c -> new ClassEntry(c.index(), c.name(), c.color(), c.pixels(), c.areaM2(), round(c.fraction(), 6))).toList();
        return ProvenanceJson.tree(new Statistics("m2", s.areasKnown(), s.areaMethod(), s.dataPixels(), s.nodataPixels(), s.dataAreaM2(),
                classes)).getAsJsonObject();
    }

    private static double seconds(Duration d) { return ProvenanceJson.seconds(d); }

    private static double round(double v, int digits) { return ProvenanceJson.round(v, digits); }
}
