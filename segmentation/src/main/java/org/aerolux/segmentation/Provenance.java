package org.aerolux.segmentation;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aerolux.core.io.AtomicOutput;
import org.aerolux.core.model.DeviceReport;
import org.aerolux.core.model.ModelCard;
import org.aerolux.core.model.ResolvedModel;
import org.aerolux.core.pipeline.PipelineResult;
import org.aerolux.core.raster.RasterInfo;

/**
 * The provenance record {@code STEM_aerolux.json} of a segmentation run: input file facts, the model (name, file,
 * sha256 and whether it was verified against the registry, full card), every parameter, the device actually used
 * and why, library versions, timings, tiles run and skipped, and class statistics. Only facts of the run are
 * recorded: no environment variables, no user names, no system properties beyond versions.
 */
public final class Provenance {
    /** Version of the layout; bump on incompatible change. */
    public static final int FORMAT_VERSION = 1;
    private static final Pattern RUNTIME = Pattern.compile("ONNX Runtime (\\S+) via DJL (\\S+)");

    private Provenance() {}

    /** The top-level fields of every record, in order; extra fields may not take these names. */
    public static final List<String> STANDARD_FIELDS = List.of("format", "format_version", "command", "started",
            "input", "outputs", "model", "parameters", "device", "versions", "timings_s", "tiles", "class_statistics", "vectors");

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
        JsonObject o = new JsonObject();
        o.addProperty("format", "aerolux-provenance");
        o.addProperty("format_version", FORMAT_VERSION);
        o.addProperty("command", "segment");
        o.addProperty("started", started.truncatedTo(ChronoUnit.MILLIS).toString());
        o.add("input", input(input, info));
        JsonObject outs = new JsonObject();
        outputs.forEach((k, v) -> outs.addProperty(k.cliName(), v.getFileName().toString()));
        o.add("outputs", outs);
        o.add("model", model(segmenter));
        o.add("parameters", parameters(segmenter, result));
        o.add("device", device(result.pipeline().device()));
        o.add("versions", versions(result.pipeline().device()));
        o.add("timings_s", timings(segmenter, result.pipeline(), total));
        o.add("tiles", tiles(result.pipeline()));
        o.add("class_statistics", statistics(result.statistics()));
        o.add("vectors", result.vectors().<JsonElement>map(v -> v).orElse(JsonNull.INSTANCE));
        extra.forEach((k, v) -> o.add(k, v.deepCopy()));
        return o;
    }

    /** @throws IllegalArgumentException when one of these names is a standard field */
    static void checkExtraFields(Collection<String> names) {
        for (String n : names)
            if (STANDARD_FIELDS.contains(n)) throw new IllegalArgumentException("provenance field '" + n + "' is a standard field");
    }

    /** Writes the record atomically. */
    public static void write(JsonObject record, Path target) {
        byte[] bytes = (new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(record) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        AtomicOutput.write(target, out -> out.write(bytes));
    }

    static JsonObject input(Path file, RasterInfo info) {
        JsonObject o = new JsonObject();
        o.addProperty("path", file.toAbsolutePath().normalize().toString());
        o.addProperty("file_name", file.getFileName().toString());
        try {
            o.addProperty("size_bytes", Files.size(file));
            o.addProperty("modified", Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS).toString());
        } catch (IOException e) {
            o.add("size_bytes", JsonNull.INSTANCE);
        }
        o.addProperty("width", info.width());
        o.addProperty("height", info.height());
        o.addProperty("bands", info.bandCount());
        o.addProperty("data_type", info.dataType().gdalName());
        info.georeference().crs().ifPresentOrElse(c -> {
            JsonObject crs = new JsonObject();
            crs.add("epsg", c.epsg().isPresent() ? new JsonPrimitive(c.epsg().getAsInt()) : JsonNull.INSTANCE);
            crs.addProperty("name", c.name());
            crs.addProperty("geographic", c.geographic());
            crs.addProperty("wkt", c.wkt());
            o.add("crs", crs);
        }, () -> o.add("crs", JsonNull.INSTANCE));
        info.georeference().transform().ifPresentOrElse(t -> {
            JsonArray a = new JsonArray();
            for (double v : t.toGdal()) a.add(v);
            o.add("geotransform", a);
        }, () -> o.add("geotransform", JsonNull.INSTANCE));
        JsonArray nodata = new JsonArray();
        for (OptionalDouble nd : info.nodata()) nodata.add(nd.isPresent() ? number(nd.getAsDouble()) : JsonNull.INSTANCE);
        o.add("nodata", nodata);
        return o;
    }

    static JsonObject model(Segmenter s) {
        JsonObject o = new JsonObject();
        ModelCard card = s.model().card();
        o.addProperty("reference", s.options().model());
        o.addProperty("name", card.name());
        o.addProperty("version", card.version());
        ResolvedModel r = s.resolved().orElse(null);
        o.addProperty("registry_name", r == null ? null : r.entry().map(e -> e.name()).orElse(null));
        o.addProperty("file", r == null ? null : r.file().toAbsolutePath().normalize().toString());
        o.addProperty("sha256", r == null ? null : r.sha256());
        o.addProperty("sha256_verified", r != null && r.verified());
        o.addProperty("sha256_note", r == null ? "model given in memory; no file digest"
                : r.verified() ? "matches the registry entry" : "computed from the file; not in the registry, so not verified");
        JsonObject c = new JsonObject();
        card.toMetadata().forEach(c::addProperty);
        o.add("card", c);
        return o;
    }

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
        return o;
    }

    static JsonObject device(DeviceReport d) {
        JsonObject o = new JsonObject();
        o.addProperty("requested", d.requested().toString());
        o.addProperty("used", d.device());
        o.addProperty("provider", d.provider());
        o.addProperty("reason", d.reason());
        o.addProperty("intra_op_threads", d.intraOpThreads());
        return o;
    }

    static JsonObject versions(DeviceReport d) {
        JsonObject o = new JsonObject();
        o.addProperty("aerolux", AeroLuxVersion.get());
        o.addProperty("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        Matcher m = RUNTIME.matcher(d.runtime());
        boolean parsed = m.find();
        o.addProperty("onnxruntime", parsed ? m.group(1) : d.runtime());
        o.addProperty("djl", parsed ? m.group(2) : d.runtime());
        o.addProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        o.addProperty("cpus", Runtime.getRuntime().availableProcessors());
        return o;
    }

    static JsonObject timings(Segmenter s, PipelineResult p, Duration total) {
        JsonObject o = new JsonObject();
        o.addProperty("model_load", seconds(s.loadTime()));
        o.addProperty("run", seconds(total));
        o.addProperty("pipeline", seconds(p.total()));
        o.addProperty("read_normalise", seconds(p.read()));
        o.addProperty("model", seconds(p.model()));
        o.addProperty("blend", seconds(p.blend()));
        o.addProperty("write", seconds(p.write()));
        o.addProperty("tiles_per_second", round(p.tilesPerSecond(), 3));
        return o;
    }

    static JsonObject tiles(PipelineResult p) {
        JsonObject o = new JsonObject();
        o.addProperty("total", p.tilesTotal());
        o.addProperty("run", p.tilesRun());
        o.addProperty("skipped_nodata", p.tilesSkipped());
        o.addProperty("retried_batches", p.retries());
        o.add("memory_backoff", backoff(p.backoff()));
        o.addProperty("columns", p.layout().columns().size());
        o.addProperty("rows", p.layout().rows().size());
        o.addProperty("window_width", p.layout().tileWidth());
        o.addProperty("window_height", p.layout().tileHeight());
        o.addProperty("valid_pixels", p.validPixels());
        o.addProperty("nodata_pixels", p.nodataPixels());
        return o;
    }

    static JsonObject backoff(org.aerolux.core.pipeline.MemoryBackoff b) {
        JsonObject o = new JsonObject();
        o.addProperty("summary", b.summary());
        o.addProperty("requested_batch", b.requestedBatch());
        o.addProperty("final_batch", b.finalBatch());
        o.addProperty("requested_tile", b.requestedTile());
        o.addProperty("final_tile", b.finalTile());
        o.addProperty("final_overlap", b.finalGrid().overlap());
        JsonArray events = new JsonArray();
        b.events().forEach(events::add);
        o.add("events", events);
        return o;
    }

    static JsonObject statistics(ClassStatistics.Summary s) {
        JsonObject o = new JsonObject();
        o.addProperty("area_unit", "m2");
        o.addProperty("areas_known", s.areasKnown());
        o.addProperty("area_method", s.areaMethod());
        o.addProperty("data_pixels", s.dataPixels());
        o.addProperty("nodata_pixels", s.nodataPixels());
        o.add("data_area_m2", number(s.dataAreaM2()));
        JsonArray a = new JsonArray();
        for (ClassStatistics.ClassCount c : s.classes()) {
            JsonObject e = new JsonObject();
            e.addProperty("index", c.index());
            e.addProperty("name", c.name());
            e.addProperty("color", c.color());
            e.addProperty("pixels", c.pixels());
            e.add("area_m2", number(c.areaM2()));
            e.addProperty("fraction", round(c.fraction(), 6));
            a.add(e);
        }
        o.add("classes", a);
        return o;
    }

    private static JsonElement number(double v) { return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE; }

    private static double seconds(Duration d) { return round(d.toNanos() / 1e9, 3); }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
