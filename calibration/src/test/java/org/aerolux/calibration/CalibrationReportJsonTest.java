package org.aerolux.calibration;

import static org.aerolux.calibration.Blocks.all;
import static org.aerolux.calibration.Blocks.evaluate;
import static org.aerolux.calibration.Blocks.probabilities;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationReportJsonTest {

    static CalibrationReport sample() {
        CalibrationAggregate agg = new CalibrationAggregate(2, all());
        agg.add(evaluate(probabilities(ImageCalibrationTest.CASE_A, ImageCalibrationTest.CASE_A_LABELS), all()));
        return agg.report()
                .withTemperature(new TemperatureFit(1.25, 0.7, 0.6, 100, 1000, 7, false))
                .withNaclPenalty(new NaclPenalty(0.125, 0.03125, 4, 3));
    }

    @Test
    void theJsonCarriesEveryFieldAndParses() {
        JsonObject o = JsonParser.parseString(CalibrationReportJson.toJson(sample())).getAsJsonObject();
        assertEquals(0.28125, o.get("ece").getAsDouble(), 0);
        assertEquals(0.28125, o.get("cece").getAsDouble(), 0);
        assertEquals(0.4453125, o.get("brier").getAsDouble(), 0);
        assertEquals(15, o.get("bins").getAsInt());
        assertEquals("up_to_max_label", o.get("cece_classes").getAsString());
        assertEquals(false, o.get("foreground_only").getAsBoolean());
        assertEquals(4, o.getAsJsonObject("pixels").get("evaluated").getAsLong());
        JsonArray bins = o.getAsJsonArray("reliability");
        assertEquals(15, bins.size());
        JsonObject b11 = bins.get(11).getAsJsonObject();
        assertEquals(2, b11.get("count").getAsLong());
        assertEquals(0.75, b11.get("mean_confidence").getAsDouble(), 0);
        assertEquals(0.5, b11.get("accuracy").getAsDouble(), 0);
        assertEquals(0.25, b11.get("gap").getAsDouble(), 0);
        assertTrue(bins.get(0).getAsJsonObject().get("accuracy").isJsonNull(), "empty bin -> null, not NaN");
        assertEquals(11.0 / 15, b11.get("lower").getAsDouble(), 0);
        assertEquals(1.25, o.getAsJsonObject("temperature").get("value").getAsDouble(), 0);
        assertEquals(0.125, o.getAsJsonObject("nacl_penalty").get("l1").getAsDouble(), 0);
        assertEquals(1, o.getAsJsonArray("per_image").size());
        assertEquals(2, o.getAsJsonArray("class_ece").size());
    }

    @Test
    void absentPartsAreNullAndStringsAreEscaped() {
        CalibrationAggregate agg = new CalibrationAggregate(2, all());
        agg.add(new ImageCalibrationAccumulator(2, all()).finish("a \"quoted\"\\name\n"));
        JsonObject o = JsonParser.parseString(CalibrationReportJson.toJson(agg.report())).getAsJsonObject();
        assertTrue(o.get("temperature").isJsonNull());
        assertTrue(o.get("nacl_penalty").isJsonNull());
        assertTrue(o.get("ece").isJsonNull());
        assertEquals("a \"quoted\"\\name\n", o.getAsJsonArray("per_image").get(0).getAsJsonObject().get("name").getAsString());
    }

    @Test
    void writingLeavesOnlyTheFinishedFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("calibration.json");
        CalibrationReportJson.write(sample(), out);
        CalibrationReportJson.write(sample(), out);   // overwriting a previous result is fine too
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList());
        }
        assertEquals(0.28125, JsonParser.parseString(Files.readString(out)).getAsJsonObject().get("ece").getAsDouble(), 0);
    }
}
