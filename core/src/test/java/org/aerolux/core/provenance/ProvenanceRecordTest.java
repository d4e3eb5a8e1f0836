package org.aerolux.core.provenance;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.aerolux.core.model.DeviceReport;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.CrsInfo;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.RasterInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The common provenance layout: field order, snake_case names, nodata and non-finite numbers, sections after the common fields. */
class ProvenanceRecordTest {
    @TempDir
    Path dir;

    @Test
    void commonFieldsInOrderThenSectionsWrittenAsSnakeCaseJson() throws Exception {
        Path input = Files.writeString(dir.resolve("in.tif"), "12345");
        RasterInfo info = new RasterInfo(4, 3, 3, DataType.FLOAT32,
                Georeference.of(new CrsInfo(OptionalInt.of(32633), "WKT", "WGS 84 / UTM zone 33N", false), Affine.fromGdal(new double[] {500000, 30, 0, 4000000, 0, -30})),
                List.of(OptionalDouble.of(Double.NaN), OptionalDouble.of(-9999), OptionalDouble.empty()), List.of("", "", ""));
        DeviceReport d = new DeviceReport(DeviceRequest.AUTO, "cpu", "CPUExecutionProvider", "no GPU visible", "ONNX Runtime 1.20.0 via DJL 0.31.0", 2);
        JsonObject parameters = new JsonObject();
        parameters.addProperty("bands", "default");
        ProvenanceRecord r = ProvenanceRecord.of("enhance", Instant.parse("2026-01-02T03:04:05.678901Z"), InputInfo.of(input, info),
                Map.of("enhanced", "in_enhanced.tif"), new ModelInfo("m", "m", "1", null, null, null, false, "given in memory", Map.of("k", "v")),
                parameters, DeviceInfo.of(d), Versions.of(d), Map.of("total", 1.5), Map.of("mode", new JsonPrimitive("whole")));
        r.write(dir.resolve("in_aerolux.json"));
        String text = Files.readString(dir.resolve("in_aerolux.json"));
        assertTrue(text.endsWith("}\n"), "one final newline");
        JsonObject o = JsonParser.parseString(text).getAsJsonObject();
        List<String> keys = List.copyOf(o.keySet());
        assertEquals(ProvenanceRecord.COMMON_FIELDS, keys.subList(0, ProvenanceRecord.COMMON_FIELDS.size()));
        assertEquals("mode", keys.get(keys.size() - 1));
        assertEquals("aerolux-provenance", o.get("format").getAsString());
        assertEquals(ProvenanceRecord.FORMAT_VERSION, o.get("format_version").getAsInt());
        assertEquals("2026-01-02T03:04:05.678Z", o.get("started").getAsString());
        JsonObject in = o.getAsJsonObject("input");
        assertEquals(5, in.get("size_bytes").getAsLong());
        assertEquals("in.tif", in.get("file_name").getAsString());
        assertEquals("Float32", in.get("data_type").getAsString());
        assertEquals(32633, in.getAsJsonObject("crs").get("epsg").getAsInt());
        assertEquals(-30, in.getAsJsonArray("geotransform").get(5).getAsDouble());
        assertEquals("nan", in.getAsJsonArray("nodata").get(0).getAsString());
        assertEquals(-9999, in.getAsJsonArray("nodata").get(1).getAsDouble());
        assertTrue(in.getAsJsonArray("nodata").get(2).isJsonNull());
        assertEquals("no GPU visible", o.getAsJsonObject("device").get("reason").getAsString());
        assertEquals(2, o.getAsJsonObject("device").get("intra_op_threads").getAsInt());
        assertEquals("1.20.0", o.getAsJsonObject("versions").get("onnxruntime").getAsString());
        assertEquals("0.31.0", o.getAsJsonObject("versions").get("djl").getAsString());
        assertFalse(o.getAsJsonObject("model").get("sha256_verified").getAsBoolean());
        assertTrue(o.getAsJsonObject("model").get("sha256").isJsonNull(), "nulls are kept");
        assertEquals(1.5, o.getAsJsonObject("timings_s").get("total").getAsDouble());
        assertTrue(ProvenanceJson.number(Double.POSITIVE_INFINITY).isJsonNull());
    }

    @Test
    void aSectionMayNotReplaceACommonField() {
        assertThrows(IllegalArgumentException.class, () -> ProvenanceRecord.checkSections(List.of("executor", "device")));
        ProvenanceRecord.checkSections(List.of("executor", "invocation"));
        assertEquals("aerolux-provenance", ProvenanceRecord.FORMAT);
    }
}
