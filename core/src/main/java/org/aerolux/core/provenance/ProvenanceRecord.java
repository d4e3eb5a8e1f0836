package org.aerolux.core.provenance;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One provenance record: the common sections, in this order, then the method's own sections ({@code tiles},
 * {@code class_statistics} for segment; {@code mode}, {@code value_range} for enhance; {@code temperature},
 * {@code summary} for calibrate, ...) and last any fields a front end adds ({@code invocation}, {@code executor}).
 *
 * @param command    the method: segment, enhance or calibrate
 * @param started    when the run started (UTC, milliseconds)
 * @param outputs    output role to file name (in the record's folder)
 * @param parameters every option as given and as resolved (method-specific names)
 * @param timingsS   seconds by step (method-specific steps)
 * @param sections   the method's sections and front-end fields, in order
 */
public record ProvenanceRecord(String format, int formatVersion, String command, String started, InputInfo input,
                               Map<String, String> outputs, ModelInfo model, JsonObject parameters, DeviceInfo device,
                               Versions versions, Map<String, Double> timingsS, Map<String, JsonElement> sections) {
    /** The value of {@code format}. */
    public static final String FORMAT = "aerolux-provenance";
    /**
     * Version of the layout; bumped on incompatible change. 2: one schema for segment, enhance and calibrate
     * (enhance's {@code tool}, {@code created}, {@code input_info}, {@code device.why} and calibrate's own format are gone).
     */
    public static final int FORMAT_VERSION = 2;
    /** The top-level fields of every record, in order; a section may not take these names. */
    public static final List<String> COMMON_FIELDS = List.of("format", "format_version", "command", "started", "input", "outputs",
            "model", "parameters", "device", "versions", "timings_s");

    public ProvenanceRecord {
        outputs = new LinkedHashMap<>(outputs);
        timingsS = new LinkedHashMap<>(timingsS);
        checkSections(sections.keySet());
        sections = new LinkedHashMap<>(sections);
    }

    /** A record of the current format. */
    public static ProvenanceRecord of(String command, Instant started, InputInfo input, Map<String, String> outputs, ModelInfo model,
                                      JsonObject parameters, DeviceInfo device, Versions versions, Map<String, Double> timings,
                                      Map<String, JsonElement> sections) {
        return new ProvenanceRecord(FORMAT, FORMAT_VERSION, command, started.truncatedTo(ChronoUnit.MILLIS).toString(), input, outputs,
                model, parameters, device, versions, timings, sections);
    }

    /** @throws IllegalArgumentException when one of these names is a common field */
    public static void checkSections(Collection<String> names) {
        for (String n : names)
            if (COMMON_FIELDS.contains(n)) throw new IllegalArgumentException("provenance field '" + n + "' is a common field");
    }

    /** The same record with more sections after these. */
    public ProvenanceRecord with(Map<String, ? extends JsonElement> more) {
        Map<String, JsonElement> all = new LinkedHashMap<>(sections);
        more.forEach((k, v) -> all.put(k, v.deepCopy()));
        return new ProvenanceRecord(format, formatVersion, command, started, input, outputs, model, parameters, device, versions,
                timingsS, all);
    }

    /** The record as JSON: the common fields, then the sections at the top level. */
    public JsonObject toJson() {
        JsonObject o = ProvenanceJson.GSON.toJsonTree(this).getAsJsonObject();
        o.remove("sections");
        sections.forEach((k, v) -> o.add(k, v.deepCopy()));
        return o;
    }

    /** Writes the record atomically. */
    public void write(java.nio.file.Path target) { ProvenanceJson.write(toJson(), target); }
}
