package org.aerolux.core.provenance;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.aerolux.core.io.AtomicOutput;

/**
 * The JSON configuration of every AeroLux record file: pretty-printed UTF-8 with a final newline, nulls kept,
 * no HTML escaping, record components in snake_case. A number that is not finite (an undefined metric) is written
 * as null: use {@link #number}.
 */
public final class ProvenanceJson {
    /** The one Gson of the record files. */
    public static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create();

    private ProvenanceJson() {}

    /** The text of a record file. */
    public static String text(JsonElement json) { return GSON.toJson(json) + "\n"; }

    /** Writes a record file atomically (temporary name, then rename). */
    public static void write(JsonElement json, Path target) {
        byte[] bytes = text(json).getBytes(StandardCharsets.UTF_8);
        AtomicOutput.write(target, out -> out.write(bytes));
    }

    /** A finite number as itself, anything else as null. */
    public static JsonElement number(double v) { return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE; }

    /** Seconds rounded to the millisecond. */
    public static double seconds(Duration d) { return round(d.toNanos() / 1e9, 3); }

    /** {@code v} rounded to {@code digits} decimals. */
    public static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
