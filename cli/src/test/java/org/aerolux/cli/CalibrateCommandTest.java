package org.aerolux.cli;

import static org.aerolux.cli.CliRun.list;
import static org.aerolux.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.GeoTiffSink;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.Rasters;
import org.aerolux.core.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aerolux calibrate}: files, before/after numbers, and label errors. */
class CalibrateCommandTest {
    static final int W = 120, H = 90;

    @TempDir
    Path tmp;

    /** Pixel values of the image: one band clearly brightest, with a margin that varies. */
    static double value(int x, int y, int b) {
        int cls = ((x / 15) + (y / 15)) % 3;
        return b == cls ? 60 + (x * 7 + y * 3) % 20 : 40 + (x + y * 5 + b * 11) % 20;
    }

    Path image() {
        Path f = tmp.resolve("img.tif");
        Georeference g = Georeference.of(Rasters.crs(32633), new Affine(500000, 0.5, 0, 4000000, 0, -0.5));
        try (GeoTiffSink s = GeoTiffSink.builder(f, W, H, 3, DataType.UINT8).georeference(g).build()) {
            TestImages.stream(s, W, H, 3, 30, CalibrateCommandTest::value);
            s.commit();
        }
        return f;
    }

    /** Ground truth: the brightest band, wrong for about 15 % of pixels, 255 in the first rows. */
    Path labels(String name, int w, int h, int wrongLabel) {
        Path f = tmp.resolve(name);
        Random rnd = new Random(9);
        int[] gt = new int[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int cls = ((x / 15) + (y / 15)) % 3;
                gt[y * w + x] = y < 3 ? 255 : rnd.nextDouble() < 0.15 ? (cls + 1) % 3 : cls;
            }
        if (wrongLabel >= 0) gt[(h / 2) * w + 7] = wrongLabel;
        try (GeoTiffSink s = GeoTiffSink.builder(f, w, h, 1, DataType.UINT8).build()) {
            TestImages.stream(s, w, h, 1, h, (x, y, b) -> gt[y * w + x]);
            s.commit();
        }
        return f;
    }

    @Test
    void writesTheReportAndTheDiagramsAndTheFitLowersNll() throws Exception {
        Path model = CliRun.dominantModel(tmp.resolve("m"));
        Path out = tmp.resolve("out");
        CliRun.Result r = run("calibrate", "--model", model.toString(), "--input", image().toString(), "--labels",
                labels("gt.tif", W, H, -1).toString(), "--output", out.toString(), "--bins", "10", "--device", "cpu");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("pixels evaluated (all labelled pixels, 10 bins)"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("ECE ")), r.out());
        JsonObject j = JsonParser.parseString(Files.readString(out.resolve("calibration.json"))).getAsJsonObject();
        JsonObject s = j.getAsJsonObject("summary");
        assertEquals(W * (H - 3), s.get("evaluated_pixels").getAsLong(), "255 is ignored");
        assertTrue(s.get("nll_after").getAsDouble() < s.get("nll_before").getAsDouble(), s.toString());
        assertEquals(1.0, j.getAsJsonObject("temperature").get("before").getAsDouble());
        double fitted = j.getAsJsonObject("temperature").get("fitted").getAsDouble();
        assertTrue(fitted > 0.05 && fitted < 1, "softmax(x / 25.5) is under-confident for 85 % correct labels: T < 1, got " + fitted);
        assertEquals(s.get("ece_after").getAsDouble(), j.getAsJsonObject("after").get("ece").getAsDouble(), 0.0);
        assertEquals(10, j.getAsJsonObject("before").get("bins").getAsInt());
        assertEquals(s.get("ece_before").getAsDouble(), j.getAsJsonObject("before").get("ece").getAsDouble(), 0.0);
        BufferedImage png = ImageIO.read(out.resolve("reliability.png").toFile());
        assertEquals(1800, png.getWidth(), "before and after side by side");
        assertEquals(List.of(out.resolve("calibration.json"), out.resolve("reliability.png")), list(out));

        // the 'after' metrics are those of a run at the fitted temperature
        Path out2 = tmp.resolve("out2");
        CliRun.Result at = run("calibrate", "--model", model.toString(), "--input", tmp.resolve("img.tif").toString(), "--labels",
                tmp.resolve("gt.tif").toString(), "--output", out2.toString(), "--bins", "10", "--temperature", Double.toString(fitted),
                "--quiet");
        assertEquals(0, at.code(), at.all());
        JsonObject s2 = JsonParser.parseString(Files.readString(out2.resolve("calibration.json"))).getAsJsonObject().getAsJsonObject("summary");
        assertEquals(s.get("ece_after").getAsDouble(), s2.get("ece_before").getAsDouble(), 1e-9);
        assertEquals(s.get("nll_after").getAsDouble(), s2.get("nll_before").getAsDouble(), 1e-9);
    }

    @Test
    void foregroundOnlyLeavesOutClass0() throws Exception {
        Path model = CliRun.dominantModel(tmp.resolve("m"));
        Path out = tmp.resolve("out");
        CliRun.Result r = run("calibrate", "--model", model.toString(), "--input", image().toString(), "--labels",
                labels("gt.tif", W, H, -1).toString(), "--output", out.toString(), "--foreground-only", "--quiet");
        assertEquals(0, r.code(), r.all());
        JsonObject j = JsonParser.parseString(Files.readString(out.resolve("calibration.json"))).getAsJsonObject();
        assertTrue(j.getAsJsonObject("before").get("foreground_only").getAsBoolean());
        long evaluated = j.getAsJsonObject("summary").get("evaluated_pixels").getAsLong();
        long background = j.getAsJsonObject("before").getAsJsonObject("pixels").get("background").getAsLong();
        assertTrue(background > 0 && evaluated + background == (long) W * (H - 3), evaluated + " + " + background);
    }

    @Test
    void labelProblemsAreBadInputsNamingTheLabelFile() {
        Path model = CliRun.dominantModel(tmp.resolve("m"));
        Path img = image(), out = tmp.resolve("out");
        Path small = labels("small.tif", W - 1, H, -1), seven = labels("seven.tif", W, H, 7);
        CliRun.Result size = run("calibrate", "--model", model.toString(), "--input", img.toString(), "--labels", small.toString(),
                "--output", out.toString());
        assertEquals(3, size.code(), size.all());
        assertEquals("aerolux: " + small + ": the labels are 119 x 90 pixels but the image is 120 x 90; they must cover the same grid\n",
                size.err().lines().filter(l -> !l.contains(" runs on ")).findFirst().orElse("") + "\n");
        CliRun.Result value = run("calibrate", "--model", model.toString(), "--input", img.toString(), "--labels", seven.toString(),
                "--output", out.toString(), "--quiet");
        assertEquals(3, value.code(), value.all());
        assertEquals("aerolux: " + seven + ": label 7 at pixel (7, 45) is not a class of model 'dominant-test' (0..2) nor 255 (ignore)\n",
                value.err());
        CliRun.Result missing = run("calibrate", "--model", model.toString(), "--input", img.toString(), "--labels",
                tmp.resolve("none.tif").toString(), "--output", out.toString());
        assertEquals(3, missing.code(), missing.all());
        assertTrue(missing.err().contains("labels not found"), missing.err());
        assertEquals(List.of(), list(out).stream().filter(p -> !Files.isDirectory(p)).toList(), "no calibration.json, no PNG");
    }
}
