package org.aerolux.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.GeoTiffSink;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.Rasters;
import org.aerolux.core.testing.Gdal;
import org.aerolux.core.testing.GdalInfo;
import org.aerolux.core.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aerolux segment --resample auto|off --input-resolution M} with a pointwise model whose card says 0.3 m:
 * every output of a resampled run has the input's size, CRS and transform as GDAL reads them (rotated UTM grid,
 * EPSG:4326 grid), nodata stays exactly where the input's is, the provenance and the summary line say what ran,
 * {@code off} and a factor within 25 % give byte-identical rasters, and bad values are usage errors.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ResampleCommandTest {
    @TempDir
    Path tmp;

    private static final String ALL = "labels,probabilities,confidence,entropy,vectors";

    /** The dominant test model (pointwise: the class is the brightest band) with a card resolution of 0.3 m. */
    private Path model() throws Exception {
        Path m = CliRun.dominantModel(tmp.resolve("m"));
        Path card = tmp.resolve("m/dominant.onnx.json");
        Files.writeString(card, Files.readString(card).replace("\"aerolux.temperature\": 1.0", "\"aerolux.temperature\": 1.0, \"aerolux.resolution_m\": 0.3"));
        return m;
    }

    private static Path write(Path file, Georeference g, int w, int h, Double nodata) {
        var b = GeoTiffSink.builder(file, w, h, 3, DataType.UINT8).georeference(g);
        if (nodata != null) b.nodata(nodata);
        try (GeoTiffSink s = b.build()) {
            // smooth colour fields (objects a few pixels wide) and, with nodata, a nodata block
            TestImages.stream(s, w, h, 3, 16, (x, y, band) -> nodata != null && x >= 20 && x < 37 && y >= 10 && y < 23 ? nodata
                    : (int) (127 + 120 * Math.sin(x / 6.0 + band * 2.1) * Math.cos(y / 5.0 - band)));
            s.commit();
        }
        return file;
    }

    @Test
    void everyOutputOfAResampledRunKeepsTheRotatedAndTheGeographicGridExactly() throws Exception {
        Path model = model();
        double a = Math.toRadians(20);
        // 0.6 m pixels on a rotated UTM grid (factor 2), and about 0.15 m pixels in EPSG:4326 at 45.5 N (factor 0.5)
        Affine rotated = new Affine(500000.5, 0.6 * Math.cos(a), 0.6 * Math.sin(a), 4000000.25, 0.6 * Math.sin(a), -0.6 * Math.cos(a));
        double dLat = 0.15 / 111_141, dLon = 0.15 / (111_412.8 * Math.cos(Math.toRadians(45.5)));
        Affine geographic = new Affine(12.25, dLon, 0, 45.5, 0, -dLat);
        Path rot = write(tmp.resolve("rot.tif"), Georeference.of(Rasters.crs(32633), rotated), 90, 70, null);
        Path geo = write(tmp.resolve("geo.tif"), Georeference.of(Rasters.crs(4326), geographic), 120, 100, 0.0);
        Path out = tmp.resolve("out");
        for (Path in : List.of(rot, geo)) {
            CliRun.Result r = CliRun.run("segment", "--model", model.toString(), "--input", in.toString(), "--output", out.toString(),
                    "--outputs", ALL, "--device", "cpu", "--threads", "1");
            assertEquals(0, r.code(), r.all());
            assertTrue(r.out().contains(in == rot ? "resampled 0.6 -> 0.3 m (factor 2)" : "resampled 0.15"), r.out());
            String stem = in == rot ? "rot" : "geo";
            GdalInfo src = GdalInfo.of(in);
            for (String o : List.of("labels", "probabilities", "confidence", "entropy")) {
                GdalInfo g = GdalInfo.of(out.resolve(stem + "_" + o + ".tif"));
                assertEquals(src.width(), g.width(), o);
                assertEquals(src.height(), g.height(), o);
                assertArrayEquals(src.geoTransform(), g.geoTransform(), 0.0, stem + " " + o + ": the input's transform, bit for bit");
                assertEquals(src.epsg(), g.epsg(), o);
                assertEquals(src.wkt(), g.wkt(), stem + " " + o + ": the input's CRS");
            }
            assertTrue(Files.isRegularFile(out.resolve(stem + "_objects.geojson")));
            JsonObject res = JsonParser.parseString(Files.readString(out.resolve(stem + "_aerolux.json"))).getAsJsonObject()
                    .getAsJsonObject("resolution");
            assertTrue(res.get("resampled").getAsBoolean(), res.toString());
            assertEquals(0.3, res.get("model_gsd_m").getAsDouble());
            assertEquals(in == rot ? 2.0 : 0.5, res.get("factor").getAsDouble(), in == rot ? 1e-12 : 0.01, res.toString());
            assertEquals(in == rot ? 0.6 : 0.15, res.get("input_gsd_m").getAsDouble(), in == rot ? 1e-12 : 0.003, res.toString());
            assertEquals(in == rot ? "[180,140]" : "[60,50]", res.get("model_grid").toString());
        }
        // nodata: exactly the input's nodata block, in every output
        double[] labels = Gdal.pixels(out.resolve("geo_labels.tif"))[0], conf = Gdal.pixels(out.resolve("geo_confidence.tif"))[0];
        for (int y = 0; y < 100; y++)
            for (int x = 0; x < 120; x++) {
                boolean nd = x >= 20 && x < 37 && y >= 10 && y < 23;
                assertEquals(nd, labels[y * 120 + x] == 255, "label nodata at " + x + "," + y);
                assertEquals(nd, Double.isNaN(conf[y * 120 + x]), "confidence nodata at " + x + "," + y);
            }
    }

    @Test
    void offAndAFactorWithinTheToleranceGiveByteIdenticalRasters() throws Exception {
        Path model = model();
        // 0.33 m: factor 1.1, within 25 %
        Path in = write(tmp.resolve("near.tif"), Georeference.of(Rasters.crs(32633), new Affine(500000, 0.33, 0, 4e6, 0, -0.33)), 150, 130, null);
        String[] outs = {"labels", "probabilities", "confidence", "entropy"};
        for (String mode : List.of("auto", "off")) {
            CliRun.Result r = CliRun.run("segment", "--model", model.toString(), "--input", in.toString(), "--output", tmp.resolve(mode).toString(),
                    "--outputs", ALL, "--device", "cpu", "--threads", "1", "--resample", mode);
            assertEquals(0, r.code(), r.all());
            assertTrue(r.out().contains(mode.equals("off") ? "resample off" : "not resampled: input 0.33 m, model 0.3 m (factor 1.1)"), r.out());
        }
        for (String o : outs)
            assertEquals(sha256(tmp.resolve("auto/near_" + o + ".tif")), sha256(tmp.resolve("off/near_" + o + ".tif")), o);
        assertEquals(Files.readString(tmp.resolve("auto/near_objects.geojson")), Files.readString(tmp.resolve("off/near_objects.geojson")));
        JsonObject res = JsonParser.parseString(Files.readString(tmp.resolve("auto/near_aerolux.json"))).getAsJsonObject().getAsJsonObject("resolution");
        assertFalse(res.get("resampled").getAsBoolean());
        assertTrue(res.get("reason").getAsString().contains("within 25 %"), res.toString());
    }

    @Test
    void aPngWithoutGeoreferencingTakesItsResolutionFromTheOption() throws Exception {
        Path model = model();
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) for (int x = 0; x < 64; x++) img.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | ((x + y) * 2));
        Path png = tmp.resolve("photo.png");
        ImageIO.write(img, "png", png.toFile());
        CliRun.Result plain = CliRun.run("segment", "--model", model.toString(), "--input", png.toString(), "--output", tmp.resolve("a").toString(),
                "--device", "cpu", "--threads", "1");
        assertEquals(0, plain.code(), plain.all());
        assertTrue(plain.out().contains("input GSD unknown, not resampled"), plain.out());
        JsonObject why = JsonParser.parseString(Files.readString(tmp.resolve("a/photo_aerolux.json"))).getAsJsonObject().getAsJsonObject("resolution");
        assertTrue(why.get("reason").getAsString().contains("--input-resolution"), why.toString());
        CliRun.Result given = CliRun.run("segment", "--model", model.toString(), "--input", png.toString(), "--output", tmp.resolve("b").toString(),
                "--device", "cpu", "--threads", "1", "--input-resolution", "0.15");
        assertEquals(0, given.code(), given.all());
        assertTrue(given.out().contains("resampled 0.15 -> 0.3 m (factor 0.5)"), given.out());
        GdalInfo g = GdalInfo.of(tmp.resolve("b/photo_labels.tif"));
        assertEquals(64, g.width());
        assertEquals(48, g.height());
        JsonObject res = JsonParser.parseString(Files.readString(tmp.resolve("b/photo_aerolux.json"))).getAsJsonObject().getAsJsonObject("resolution");
        assertEquals("[32,24]", res.get("model_grid").toString());
        assertEquals(0.15, JsonParser.parseString(Files.readString(tmp.resolve("b/photo_aerolux.json"))).getAsJsonObject()
                .getAsJsonObject("parameters").get("input_resolution_m").getAsDouble());
    }

    @Test
    void badValuesAreUsageErrors() throws Exception {
        Path model = model();
        Path in = write(tmp.resolve("x.tif"), Georeference.NONE, 20, 20, null);
        CliRun.Result r = CliRun.run("segment", "--model", model.toString(), "--input", in.toString(), "--output", tmp.resolve("o").toString(),
                "--resample", "maybe");
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("--resample must be auto or off, got 'maybe'"), r.err());
        CliRun.Result n = CliRun.run("segment", "--model", model.toString(), "--input", in.toString(), "--output", tmp.resolve("o").toString(),
                "--input-resolution", "-1");
        assertEquals(2, n.code(), n.all());
        assertTrue(n.err().contains("--input-resolution must be a positive number"), n.err());
        assertFalse(Files.exists(tmp.resolve("o/x_labels.tif")));
    }

    private static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }
}
