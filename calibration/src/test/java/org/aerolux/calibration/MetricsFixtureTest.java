package org.aerolux.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cross-language parity with two independent Python implementations: models/fixtures/calibration/metrics_cases.json
 * (calibration/src/test/python/make_metrics_cases.py) and farseg_cases.json (the model tooling's
 * aerolux_models/calibration.py, including real FarSeg demo logits). Every expected value must match within 1e-6
 * (relative to its size when above 1); a null expectation (no foreground pixel) must be NaN.
 */
class MetricsFixtureTest {
    static final double TOLERANCE = 1e-6;

    static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.isDirectory(p.resolve("calibration")) && Files.isDirectory(p.resolve("core"))))
            p = p.getParent();
        if (p == null) throw new IllegalStateException("no folder with calibration/ and core/ above " + Path.of("").toAbsolutePath());
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"metrics_cases.json", "farseg_cases.json"})
    void javaMatchesTheIndependentPythonNumbers(String fixture) throws Exception {
        Path file = repositoryRoot().resolve("models/fixtures/calibration").resolve(fixture);
        JsonArray cases = JsonParser.parseString(Files.readString(file)).getAsJsonObject().getAsJsonArray("cases");
        assertFalse(cases.isEmpty(), "no cases in " + file);
        int checked = 0;
        for (JsonElement e : cases) {
            JsonObject c = e.getAsJsonObject();
            String name = c.get("name").getAsString();
            int classes = c.get("num_classes").getAsInt(), h = c.get("height").getAsInt(), w = c.get("width").getAsInt();
            int bins = c.get("bins").getAsInt();
            float[] logits = floats(c.getAsJsonArray("logits"));
            int[] labels = ints(c.getAsJsonArray("labels"));
            assertEquals(classes * h * w, logits.length, name);
            assertEquals(h * w, labels.length, name);
            PixelBlock block = PixelBlock.ofLogits(logits, classes, labels);
            CalibrationOptions fgOptions = CalibrationOptions.builder().bins(bins).foregroundOnly(true).build();
            CalibrationOptions allOptions = CalibrationOptions.builder().bins(bins).build();
            ImageCalibration fg = Blocks.evaluate(block, fgOptions);
            ImageCalibration everything = Blocks.evaluate(block, allOptions);
            NaclPenalty nacl = NaclPenalty.compute(logits, labels, classes, h, w);
            Map<String, Double> actual = Map.of(
                    "ece_fg", fg.ece(), "cece_fg", fg.cece(), "ece_all", everything.ece(), "cece_all", everything.cece(),
                    "nll", everything.nll(), "brier", everything.brier(),
                    "nacl_penalty_l1", nacl.l1(), "nacl_penalty_l2", nacl.l2());
            for (Map.Entry<String, JsonElement> x : c.getAsJsonObject("expected").entrySet()) {
                assertTrue(actual.containsKey(x.getKey()), name + ": unknown expected key " + x.getKey());
                if (x.getValue().isJsonNull()) {
                    assertTrue(Double.isNaN(actual.get(x.getKey())), name + " " + x.getKey() + " should be NaN");
                    checked++;
                    continue;
                }
                double expected = x.getValue().getAsDouble();
                assertEquals(expected, actual.get(x.getKey()), TOLERANCE * Math.max(1, Math.abs(expected)), name + " " + x.getKey());
                checked++;
            }
        }
        assertTrue(checked >= cases.size() * 6, "checked " + checked + " values");
    }

    private static float[] floats(JsonArray a) {
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = (float) a.get(i).getAsDouble();
        return out;
    }

    private static int[] ints(JsonArray a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).getAsInt();
        return out;
    }
}
