package org.aerolux.core.provenance;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
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
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .registerTypeAdapter(Double.class, finiteOrNull()).registerTypeAdapter(double.class, finiteOrNull()).create();

    private ProvenanceJson() {}

    /** Doubles of record components: finite ones as numbers, NaN and infinities as null. */
    private static TypeAdapter<Double> finiteOrNull() {
        return new TypeAdapter<>() {
            @Override
            public void write(JsonWriter out, Double v) throws IOException {
                if (v == null || !Double.isFinite(v)) out.nullValue();
                else out.value(v);
            }

            @Override
            public Double read(JsonReader in) throws IOException {
                if (in.peek() == JsonToken.NULL) {
                    in.nextNull();
                    return Double.NaN;
                }
                return in.nextDouble();
            }
        };
    }

    /** A record (or any object) as a JSON tree in this configuration. */
    public static JsonElement tree(Object value) { return GSON.toJsonTree(value); }

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
