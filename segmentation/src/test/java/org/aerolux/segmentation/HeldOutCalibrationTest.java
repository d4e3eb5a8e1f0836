package org.aerolux.segmentation;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aerolux.calibration.CalibrationAggregate;
import org.aerolux.calibration.CalibrationOptions;
import org.aerolux.calibration.CalibrationReport;
import org.aerolux.calibration.ImageCalibrationAccumulator;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.model.ModelRegistry;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.pipeline.ProgressListener;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.core.raster.Rasters;
import org.aerolux.core.testing.SharedData;
import org.aerolux.segmentation.area.PixelAreaModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two demo models on the committed held-out scenes (models/eval, seeds never used in training or temperature
 * fitting), measured by the Java calibration module through the segmenter, as the NACL protocol says (15 bins,
 * foreground pixels, per scene then averaged):
 the numbers agree with the PyTorch report of models/evaluate_farseg.py (models/reports/MODEL-eval.json), at
 * T = 1 and at the temperature each model ships with (its card's aerolux.temperature). The comparison of the two
 * models is in models/farseg-demo.md: on these scenes the NACL-trained model is <em>not</em> the better calibrated.
 */
class HeldOutCalibrationTest {
    /** ONNX Runtime vs PyTorch float differences move a few pixels across bin edges. */
    static final double REPORT_TOLERANCE = 2e-3;
    static final Map<String, Map<String, CalibrationReport>> measured = new LinkedHashMap<>();

    @BeforeAll
    static void measure() throws IOException {
        Path eval = SharedData.repo().resolve("models/eval");
        JsonArray scenes = json(eval.resolve("manifest.json")).getAsJsonArray("scenes");
        for (String model : List.of("farseg-demo-ce", "farseg-demo")) {
            Map<String, CalibrationReport> byKey = new LinkedHashMap<>();
            JsonObject results = json(report(model)).getAsJsonObject("results");
            for (String key : List.of("t1", "fitted")) {
                double t = results.getAsJsonObject(key).get("temperature").getAsDouble();
                byKey.put(key, evaluate(model, t, eval, scenes));
            }
            measured.put(model, byKey);
        }
    }

    static double cardTemperature(String model) {
        try (Segmenter s = Segmenter.open(SegmentationOptions.builder().model(FarSegFixtures.model(model).toString())
                .device(DeviceRequest.CPU).build(), ModelRegistry.empty())) {
            return s.model().card().temperature();
        }
    }

    static Path report(String model) { return SharedData.repo().resolve("models/reports").resolve(model + "-eval.json"); }

    static JsonObject json(Path p) throws IOException { return JsonParser.parseString(Files.readString(p)).getAsJsonObject(); }

    /** Whole 512 x 512 scenes as one tile, like the PyTorch evaluation. */
    static CalibrationReport evaluate(String model, double temperature, Path eval, JsonArray scenes) {
        CalibrationOptions options = CalibrationOptions.builder().bins(15).foregroundOnly(true).build();
        SegmentationOptions so = SegmentationOptions.builder().model(FarSegFixtures.model(model).toString())
                .device(DeviceRequest.CPU).threads(2).tile(512).overlap(0).build();
        try (Segmenter s = Segmenter.open(so, ModelRegistry.empty())) {
            int c = s.model().card().classCount();
            CalibrationAggregate aggregate = new CalibrationAggregate(c, options);
            for (var e : scenes) {
                JsonObject scene = e.getAsJsonObject();
                Path image = eval.resolve(scene.get("image").getAsString()), labels = eval.resolve(scene.get("labels").getAsString());
                try (RasterSource img = Rasters.open(image); RasterSource lab = Rasters.open(labels)) {
                    ImageCalibrationAccumulator acc = new ImageCalibrationAccumulator(c, options);
                    GroundTruthListener gt = new GroundTruthListener(lab, labels, model, c, options, acc, null);
                    SegmentationResult r = s.runAt(temperature, img, SegmentationSinks.builder().build(), PixelAreaModel.of(Georeference.NONE),
                            ProgressListener.NONE, new Cancellation(), List.of(gt), null);
                    assertEquals(1, r.pipeline().tilesRun(), "whole scene in one tile");
                    aggregate.add(acc.finish(image.getFileName().toString()));
                } catch (Exception ex) {
                    throw new AssertionError(ex);
                }
            }
            return aggregate.report();
        }
    }

    @Test
    void javaMetricsAgreeWithThePyTorchReport() throws IOException {
        for (String model : measured.keySet()) {
            JsonObject results = json(report(model)).getAsJsonObject("results");
            for (String key : List.of("t1", "fitted")) {
                JsonObject mean = results.getAsJsonObject(key).getAsJsonObject("mean");
                CalibrationReport r = measured.get(model).get(key);
                assertEquals(4, r.images(), model);
                if (key.equals("fitted"))
                    assertEquals(cardTemperature(model), results.getAsJsonObject(key).get("temperature").getAsDouble(), 1e-9,
                            model + ": the report's fitted temperature is the card's");
                assertEquals(mean.get("ece_fg").getAsDouble(), r.ece(), REPORT_TOLERANCE, model + " " + key + " ECE");
                assertEquals(mean.get("cece_fg").getAsDouble(), r.cece(), REPORT_TOLERANCE, model + " " + key + " CECE");
                assertEquals(mean.get("nll_fg").getAsDouble(), r.nll(), REPORT_TOLERANCE, model + " " + key + " NLL (foreground)");
            }
        }
    }

}
