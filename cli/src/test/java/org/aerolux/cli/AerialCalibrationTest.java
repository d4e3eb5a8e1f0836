package org.aerolux.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.GeoTiffSink;
import org.aerolux.core.testing.SharedData;
import org.aerolux.core.testing.TestImages;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real-data suite: {@code aerolux calibrate} on a test-tile image of the Dubai aerial data (read in place from
 * ../shared/data) reproduces the PyTorch numbers of models/evaluate_aerial.py (models/reports/MODEL-test.json):
 * the NACL protocol (15 bins, foreground = label not land, per image) at T = 1, and the all-pixel metrics at the
 * temperature of the model card (fitted on the validation tile). The JPEG goes to the CLI as it is; the labels,
 * mask colours mapped to class indices as models/aerolux_models/dubai.py does, are written to a temporary
 * GeoTIFF at test time. Both sides run the image as one window, reflect-padded at the bottom and right to a multiple
 * of 32: {@code --tile 1024 --overlap 0} (with the card's overlap the tiler adds mirrored halos on every side, so
 * the window, and FarSeg's window-global scene vector, would differ from the PyTorch protocol's).
 */
@Tag("real-data")
class AerialCalibrationTest {
    /** ONNX Runtime vs PyTorch float differences (and two JPEG decoders) move a few pixels across bin edges. */
    static final double TOLERANCE = 2e-3;
    static final String IMAGE = "tile1/image_part_001.jpg";
    /** Mask colour (RGB) to class index, in the models' class order; anything else is 255 (ignored). */
    static final Map<Integer, Integer> CLASSES = Map.of(0x8429F6, 0, 0x3C1098, 1, 0x6EC1E4, 2, 0xFEDD3A, 3, 0xE2A929, 4);

    @TempDir
    Path tmp;

    static JsonObject json(Path p) throws IOException { return JsonParser.parseString(Files.readString(p)).getAsJsonObject(); }

    /** The report's numbers for IMAGE at one of its temperatures (t1, t_all). */
    static JsonObject pytorch(String model, String key) throws IOException {
        JsonObject results = json(SharedData.repo().resolve("models/reports/" + model + "-test.json")).getAsJsonObject("results");
        for (JsonElement e : results.getAsJsonObject(key).getAsJsonArray("per_image")) {
            if (e.getAsJsonObject().get("image").getAsString().equals(IMAGE)) return e.getAsJsonObject();
        }
        throw new AssertionError(IMAGE + " not in the " + model + " report");
    }

    Path labels(Path mask) throws IOException {
        BufferedImage m = ImageIO.read(mask.toFile()); // palette PNGs come back as RGB through getRGB
        int w = m.getWidth(), h = m.getHeight();
        Path f = tmp.resolve("labels.tif");
        try (GeoTiffSink s = GeoTiffSink.builder(f, w, h, 1, DataType.UINT8).build()) {
            TestImages.stream(s, w, h, 1, h, (x, y, b) -> CLASSES.getOrDefault(m.getRGB(x, y) & 0xFFFFFF, 255));
            s.commit();
        }
        return f;
    }

    JsonObject calibrate(String model, Path image, Path labels, String out, String... extra) throws IOException {
        String[] base = {"calibrate", "--model", SharedData.repo().resolve("models/" + model + ".onnx").toString(), "--input",
                image.toString(), "--labels", labels.toString(), "--output", tmp.resolve(out).toString(), "--device", "cpu",
                "--tile", "1024", "--overlap", "0", "--quiet"};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra)).toArray(String[]::new);
        CliRun.Result r = CliRun.run(args);
        assertEquals(0, r.code(), r.all());
        return json(tmp.resolve(out).resolve("calibration.json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"farseg-aerial", "farseg-aerial-fa"})
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void calibrateReproducesThePyTorchNumbersOnATestTileImage(String model) throws IOException {
        Path dubai = SharedData.dir().resolve("aerial/dubai");
        Path image = dubai.resolve("tile1/images/image_part_001.jpg"), mask = dubai.resolve("tile1/masks/image_part_001.png");
        Path gt = labels(mask);

        JsonObject fg = calibrate(model, image, gt, "fg", "--foreground-only", "--temperature", "1");
        JsonObject want = pytorch(model, "t1");
        JsonObject before = fg.getAsJsonObject("before");
        assertEquals(want.get("foreground_pixels").getAsLong(), before.getAsJsonObject("pixels").get("evaluated").getAsLong(),
                "the same foreground pixels");
        assertEquals(want.get("ece_fg").getAsDouble(), before.get("ece").getAsDouble(), TOLERANCE, model + " ECE (foreground)");
        assertEquals(want.get("cece_fg").getAsDouble(), before.get("cece").getAsDouble(), TOLERANCE, model + " CECE (foreground)");
        assertEquals(want.get("nll_fg").getAsDouble(), before.get("nll").getAsDouble(), TOLERANCE, model + " NLL (foreground)");
        assertEquals(want.get("brier_fg").getAsDouble(), before.get("brier").getAsDouble(), TOLERANCE, model + " Brier (foreground)");

        JsonObject all = calibrate(model, image, gt, "all");
        JsonObject atCard = pytorch(model, "t_all");
        double cardT = json(SharedData.repo().resolve("models/reports/" + model + "-test.json"))
                .getAsJsonObject("temperatures").get("t_all").getAsDouble();
        assertEquals(cardT, all.getAsJsonObject("temperature").get("before").getAsDouble(), 1e-6, "the card's temperature");
        JsonObject b = all.getAsJsonObject("before");
        assertEquals(atCard.get("pixels").getAsLong(), b.getAsJsonObject("pixels").get("evaluated").getAsLong(), "all labelled pixels");
        assertEquals(atCard.get("ece_all").getAsDouble(), b.get("ece").getAsDouble(), TOLERANCE, model + " ECE (all pixels)");
        assertEquals(atCard.get("cece_all").getAsDouble(), b.get("cece").getAsDouble(), TOLERANCE, model + " CECE (all pixels)");
        assertEquals(atCard.get("nll").getAsDouble(), b.get("nll").getAsDouble(), TOLERANCE, model + " NLL (all pixels)");
        assertEquals(atCard.get("brier").getAsDouble(), b.get("brier").getAsDouble(), TOLERANCE, model + " Brier (all pixels)");
    }
}
