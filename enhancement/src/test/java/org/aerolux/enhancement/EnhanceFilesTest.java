package org.aerolux.enhancement;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aerolux.core.BadInputException;
import org.aerolux.core.ExitCode;
import org.aerolux.core.model.Model;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.GeoTiffSink;
import org.aerolux.core.testing.Gdal;
import org.aerolux.core.testing.GdalInfo;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files in, files out, through Enhancer.enhanceFile: data types, grey, multi-band GeoTIFFs with untouched bands,
 * nodata, PNG/JPEG, checked with GDAL (gdalinfo for georeferencing, gdal_translate for pixels).
 */
class EnhanceFilesTest {
    static Model model;
    static Enhancer enhancer;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        model = CueFixtures.load();
        enhancer = Enhancer.builder().model(model).build();
    }

    @AfterAll
    static void close() {
        enhancer.close();
        model.close();
    }

    /** A 96 x 64 window of the Landsat scene (6 uint8 bands, EPSG:31985), georeferenced by GDAL. */
    private Path landsat(String name, String... options) {
        Path out = tmp.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("-srcwin", "120", "140", "96", "64"));
        args.addAll(List.of(options));
        Gdal.translate(SharedData.landsat(), out, args.toArray(String[]::new));
        return out;
    }

    @Test
    void uint8RgbGeoTiffGivesUint8WithTheSameGeoreferencing() {
        Path in = landsat("rgb8.tif", "-b", "3", "-b", "2", "-b", "1");
        Path out = tmp.resolve("rgb8_enhanced.tif");
        EnhancementResult r = enhancer.enhanceFile(in, out);
        TestRasters.assertSameGeoreferencing(in, out);
        assertEquals("Byte", GdalInfo.of(out).bandType(1));
        assertEquals(ValueRange.Method.TYPE_FULL_SCALE, r.range().method());
        double[][] a = Gdal.pixels(in), b = Gdal.pixels(out);
        assertTrue(mean(b) > mean(a), "the enhanced image is brighter: " + mean(a) + " -> " + mean(b));
    }

    @Test
    void uint16GeoTiffUsesTheRobustRangeKeepsNodataAndType() {
        int w = 64, h = 48;
        double[][] px = new double[3][w * h];
        for (int k = 0; k < 3; k++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) px[k][y * w + x] = 200 + 12 * x + 9 * y + 40 * k; // a 12-bit-like dark ramp
        px[1][5 * w + 7] = 65535; // one hot pixel
        for (int y = 0; y < 6; y++) for (int x = 0; x < 6; x++) for (int k = 0; k < 3; k++) px[k][y * w + x] = 0; // nodata block
        Path in = TestRasters.geotiff(tmp.resolve("deep.tif"), w, h, DataType.UINT16, 0.0, px);
        Path out = tmp.resolve("deep_enhanced.tif");
        EnhancementResult r = enhancer.enhanceFile(in, out);
        TestRasters.assertSameGeoreferencing(in, out);
        assertEquals("UInt16", GdalInfo.of(out).bandType(1));
        assertEquals(ValueRange.Method.DATA_PERCENTILES, r.range().method());
        // 9108 valid samples: below 10^4, so the range is the exact extremes, the hot pixel included (see the next test)
        assertEquals(254, r.range().low(), 0.0, "the nodata block is left out");
        assertEquals(65535, r.range().high(), 0.0);
        assertTrue(r.range().detail().contains("exact min 254, max 65535"), r.range().detail());
        double[][] o = Gdal.pixels(out);
        for (int k = 0; k < 3; k++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    double v = o[k][y * w + x];
                    if (x < 6 && y < 6) assertEquals(0, v, "nodata stays nodata");
                    else assertTrue(v >= 254 && v <= 65535, "valid output within the range, never nodata: " + v);
                }
    }

    @Test
    void robustRangeIgnoresHotPixelsOnLargerImages() {
        int w = 128, h = 96; // 36,864 samples: the 0.01% tails are 3 samples each
        double[][] px = new double[3][w * h];
        for (int k = 0; k < 3; k++) for (int i = 0; i < w * h; i++) px[k][i] = 100 + (i * 7 + k * 13) % 3000;
        px[0][10] = 65535;
        px[2][500] = 65535;
        px[1][900] = 3;
        Path in = TestRasters.geotiff(tmp.resolve("hot.tif"), w, h, DataType.UINT16, null, px);
        try (var src = org.aerolux.core.raster.Rasters.open(in)) {
            ValueRange r = RangeEstimator.defaultRange(src, new int[] {0, 1, 2});
            assertEquals(100, r.low(), 0.0, r.toString());
            assertEquals(3099, r.high(), 0.0, r.toString());
            assertTrue(r.detail().contains("exact min 3, max 65535"), r.detail());
        }
    }

    @Test
    void multiBandGeoTiffKeepsTheUntouchedBands() {
        Path in = landsat("six.tif");
        Path out = tmp.resolve("six_enhanced.tif");
        EnhancementResult r = Enhancer.builder().model(model).bands(3, 2, 1).build().enhanceFile(in, out);
        assertEquals(List.of(3, 4, 5), r.untouched());
        TestRasters.assertSameGeoreferencing(in, out);
        double[][] a = Gdal.pixels(in), b = Gdal.pixels(out);
        for (int k = 3; k < 6; k++) assertArrayEquals(a[k], b[k], 0.0, "band " + (k + 1) + " is copied unchanged");
        for (int k = 0; k < 3; k++) assertFalse(java.util.Arrays.equals(a[k], b[k]), "band " + (k + 1) + " is enhanced");
    }

    @Test
    void greyInGivesGreyOut() {
        Path in = landsat("grey.tif", "-b", "4");
        Path out = tmp.resolve("grey_enhanced.tif");
        EnhancementResult r = enhancer.enhanceFile(in, out);
        assertTrue(r.bands().isGrey());
        assertEquals("1,1,1", r.bands().oneBasedText());
        assertEquals(1, GdalInfo.of(out).bandCount());
        TestRasters.assertSameGeoreferencing(in, out);

        Path png = tmp.resolve("gravel.png"), pngOut = tmp.resolve("gravel_enhanced.png");
        Gdal.translate(SharedData.natural("gravel.png"), png, "-of", "PNG", "-srcwin", "0", "0", "80", "60");
        enhancer.enhanceFile(png, pngOut);
        GdalInfo gi = GdalInfo.of(pngOut);
        assertEquals(1, gi.bandCount());
        assertEquals("Byte", gi.bandType(1));
        assertEquals(80, gi.width());
    }

    @Test
    void greyOutputIsTheMeanOfTheEnhancedChannels() {
        // the same grey data as a 3-band image: its three enhanced channels averaged must give the grey output
        Path grey = landsat("g1.tif", "-b", "4"), rgb = landsat("g3.tif", "-b", "4", "-b", "4", "-b", "4");
        Path go = tmp.resolve("g1_enhanced.tif"), ro = tmp.resolve("g3_enhanced.tif");
        enhancer.enhanceFile(grey, go);
        Enhancer.builder().model(model).build().enhanceFile(rgb, ro);
        double[] g = Gdal.pixels(go)[0];
        double[][] c = Gdal.pixels(ro);
        for (int i = 0; i < g.length; i++) {
            double mean = (c[0][i] + c[1][i] + c[2][i]) / 3;
            // each channel was rounded (at most 0.5 off) before this mean; the grey value was rounded once
            assertEquals(mean, g[i], 1.0, "pixel " + i + ": mean of the rounded channels vs the rounded mean");
        }
    }

    @Test
    void floatDataKeepsNanNodata() {
        int w = 40, h = 36;
        double[][] px = new double[3][w * h];
        for (int k = 0; k < 3; k++) for (int i = 0; i < w * h; i++) px[k][i] = 0.002 * (i % 97) + 0.01 * k - 0.05;
        for (int k = 0; k < 3; k++) px[k][3 * w + 4] = Double.NaN;
        Path in = TestRasters.geotiff(tmp.resolve("f.tif"), w, h, DataType.FLOAT32, Double.NaN, px);
        Path out = tmp.resolve("f_enhanced.tif");
        EnhancementResult r = enhancer.enhanceFile(in, out);
        TestRasters.assertSameGeoreferencing(in, out);
        assertEquals("Float32", GdalInfo.of(out).bandType(1));
        assertEquals(-0.05, r.range().low(), 1e-6);
        double[][] o = Gdal.pixels(out);
        for (int k = 0; k < 3; k++) {
            assertTrue(Double.isNaN(o[k][3 * w + 4]), "NaN stays NaN");
            for (int i = 0; i < w * h; i++)
                if (i != 3 * w + 4) assertTrue(o[k][i] >= r.range().low() - 1e-6 && o[k][i] <= r.range().high() + 1e-6);
        }
    }

    @Test
    void jpegInGivesPng() {
        Path jpg = tmp.resolve("rocket.jpg"), out = tmp.resolve("rocket_enhanced.png");
        Gdal.translate(SharedData.natural("rocket.jpg"), jpg, "-of", "JPEG", "-srcwin", "300", "200", "72", "52");
        assertEquals(out, EnhancedOutputs.enhanced(jpg, tmp));
        enhancer.enhanceFile(jpg, out);
        GdalInfo gi = GdalInfo.of(out);
        assertEquals("PNG", gi.json().get("driverShortName").getAsString());
        assertEquals(3, gi.bandCount());
        assertEquals(72, gi.width());
        assertEquals(52, gi.height());
    }

    @Test
    void twoBandRasterWithoutBandsIsRefusedAndLeavesNothing() throws Exception {
        Path in = landsat("two.tif", "-b", "1", "-b", "2");
        Path outDir = Files.createDirectory(tmp.resolve("out"));
        BadInputException e = assertThrows(BadInputException.class, () -> enhancer.enhanceFile(in, outDir.resolve("two_enhanced.tif")));
        assertEquals(ExitCode.BAD_INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith(in.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("2 bands") && e.getMessage().contains("--bands"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        try (var files = Files.list(outDir)) {
            assertEquals(List.of(), files.toList(), "no partial output");
        }
        // with bands it runs
        Enhancer.builder().model(model).bands(1, 1, 2).build().enhanceFile(in, outDir.resolve("two_enhanced.tif"));
        assertEquals(2, GdalInfo.of(outDir.resolve("two_enhanced.tif")).bandCount());
    }

    @Test
    void unsupportedAndPaletteInputsAreRefusedAndLeaveNothing() throws Exception {
        Path outDir = Files.createDirectory(tmp.resolve("out"));
        Path text = Files.writeString(tmp.resolve("notes.tif"), "hello\n");
        BadInputException e = assertThrows(BadInputException.class, () -> enhancer.enhanceFile(text, outDir.resolve("x.tif")));
        assertTrue(e.getMessage().contains("unsupported format"), e.getMessage());
        Path gif = tmp.resolve("a.gif");
        Gdal.translate(SharedData.natural("gravel.png"), gif, "-of", "GIF", "-srcwin", "0", "0", "16", "16");
        e = assertThrows(BadInputException.class, () -> enhancer.enhanceFile(gif, outDir.resolve("a.png")));
        assertTrue(e.getMessage().contains("unsupported format"), e.getMessage());
        Path pal = tmp.resolve("pal.tif");
        try (GeoTiffSink s = GeoTiffSink.builder(pal, 16, 16, 1, DataType.UINT8).palette(new int[] {0x000000, 0xff0000, 0x00ff00}).build()) {
            org.aerolux.core.testing.TestImages.stream(s, 16, 16, 1, 16, (x, y, b) -> (x + y) % 3);
            s.commit();
        }
        assertEquals("Palette", GdalInfo.of(pal).colorInterpretation(1));
        e = assertThrows(BadInputException.class, () -> enhancer.enhanceFile(pal, outDir.resolve("pal_enhanced.tif")));
        assertTrue(e.getMessage().contains("palette"), e.getMessage());
        try (var files = Files.list(outDir)) {
            assertEquals(List.of(), files.toList(), "no partial output");
        }
    }

    private static double mean(double[][] px) {
        double s = 0;
        long n = 0;
        for (double[] b : px) for (double v : b) {
            s += v;
            n++;
        }
        return s / n;
    }
}
