package org.aerolux.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.GeoTiffSink;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.Rasters;
import org.aerolux.core.testing.Gdal;
import org.aerolux.core.testing.GdalInfo;
import org.aerolux.core.testing.SharedData;
import org.aerolux.core.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aerolux command run in-process: exit codes, stdout and stderr, outputs checked with GDAL. */
class AeroLuxCliTest {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = AeroLuxCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void infoPrintsTheLandsatFacts() {
        Result r = run("info", SharedData.landsat().toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().contains("349 x 352 pixels, 6 bands"), r.out());
        assertTrue(r.out().contains("uint8 (Byte)"), r.out());
        assertTrue(r.out().contains("EPSG:31985 (SIRGAS 2000 / UTM zone 25S)"), r.out());
        assertTrue(r.out().contains("Origin:     288776.25000080315, 9120760.750028737"), r.out());
        assertTrue(r.out().contains("Pixel size: 28.49999999927454, -28.49999999927454"), r.out());
        assertTrue(r.out().contains("   6  none"), r.out());
    }

    @Test
    void infoJsonCarriesEpsgWktAffineAndNodata() {
        Result r = run("info", "--json", SharedData.landsat().toString());
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(349, o.get("width").getAsInt());
        assertEquals(352, o.get("height").getAsInt());
        assertEquals(6, o.get("bands").getAsInt());
        assertEquals("uint8", o.get("dataType").getAsString());
        JsonObject crs = o.getAsJsonObject("crs");
        assertEquals(31985, crs.get("epsg").getAsInt());
        assertTrue(crs.get("wkt").getAsString().startsWith("PROJCS[\"SIRGAS 2000 / UTM zone 25S\""));
        double[] affine = new double[6];
        for (int i = 0; i < 6; i++) affine[i] = o.getAsJsonArray("affine").get(i).getAsDouble();
        assertArrayEquals(GdalInfo.of(SharedData.landsat()).geoTransform(), affine, 0.0);
        assertEquals(6, o.getAsJsonArray("nodata").size());
        assertTrue(o.getAsJsonArray("nodata").get(0).isJsonNull());
    }

    @Test
    void infoJsonOfNanNodataAndNoCrs() throws Exception {
        Path f = tmp.resolve("nan.tif");
        try (GeoTiffSink s = GeoTiffSink.builder(f, 10, 10, 2, DataType.FLOAT32).nodata(Double.NaN)
                .bandDescriptions(List.of("a", "b")).build()) {
            TestImages.stream(s, 10, 10, 2, 10, (x, y, b) -> x);
            s.commit();
        }
        JsonObject o = JsonParser.parseString(run("info", "--json", f.toString()).out()).getAsJsonObject();
        assertTrue(o.get("crs").isJsonNull());
        assertTrue(o.get("affine").isJsonNull());
        assertEquals("nan", o.getAsJsonArray("nodata").get(1).getAsString());
        assertEquals("b", o.getAsJsonArray("descriptions").get(1).getAsString());
        Result text = run("info", f.toString());
        assertTrue(text.out().contains("CRS:        none"), text.out());
        assertTrue(text.out().contains("   2  nan         b"), text.out());
    }

    @Test
    void copyRoundTripsTheLandsatScene() {
        Path out = tmp.resolve("copy.tif");
        Result r = run("copy", SharedData.landsat().toString(), out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        GdalInfo in = GdalInfo.of(SharedData.landsat()), copy = GdalInfo.of(out);
        assertEquals(31985, copy.epsg());
        assertArrayEquals(in.geoTransform(), copy.geoTransform(), 0.0, "same origin and pixel size");
        assertEquals(349, copy.width());
        assertEquals(352, copy.height());
        assertEquals(6, copy.bandCount());
        assertEquals("Byte", copy.bandType(1));
        assertEquals("DEFLATE", copy.imageStructure("COMPRESSION"));
        assertArrayEquals(new int[] {256, 256}, copy.block(1));
        double[][] a = Gdal.pixels(SharedData.landsat()), b = Gdal.pixels(out);
        for (int band = 0; band < 6; band++) assertArrayEquals(a[band], b[band], 0.0, "band " + (band + 1));
        assertEquals(List.of(out), list(), "no temporary file left");
    }

    @Test
    void copyKeepsNodataDescriptionsRotationAndExactValues() {
        Path in = tmp.resolve("in.tif"), striped = tmp.resolve("striped.tif"), out = tmp.resolve("out.tif");
        Affine rotated = new Affine(300000, 9.5, 2.5, 5000000, 2.5, -9.5);
        try (GeoTiffSink s = GeoTiffSink.builder(in, 70, 300, 2, DataType.FLOAT64)
                .georeference(Georeference.of(Rasters.crs(32633), rotated)).nodata(-1e30)
                .bandDescriptions(List.of("height", "slope")).tileSize(32).build()) {
            TestImages.stream(s, 70, 300, 2, 300, (x, y, b) -> b == 0 ? Math.PI * x * y + 1e-9 : -1e30);
            s.commit();
        }
        Gdal.translate(in, striped, "-co", "TILED=NO", "-co", "BLOCKYSIZE=7");
        Result r = run("copy", striped.toString(), out.toString());
        assertEquals(0, r.code(), r.err());
        GdalInfo gi = GdalInfo.of(out);
        assertEquals(32633, gi.epsg());
        assertArrayEquals(rotated.toGdal(), gi.geoTransform(), 1e-9);
        assertEquals(-1e30, gi.noData(1));
        assertEquals("height", gi.description(1));
        assertEquals("slope", gi.description(2));
        assertEquals("Float64", gi.bandType(1));
        double[][] a = Gdal.pixels(in), b = Gdal.pixels(out);
        assertArrayEquals(a[0], b[0], 0.0);
        assertArrayEquals(a[1], b[1], 0.0);
    }

    @Test
    void usageErrorsExitWith2AndOneLine() {
        for (String[] args : List.of(new String[] {}, new String[] {"info"}, new String[] {"copy", "a.tif"},
                new String[] {"info", "--frobnicate", "x.tif"}, new String[] {"nosuchcommand"})) {
            Result r = run(args);
            assertEquals(2, r.code(), Arrays.toString(args) + ": " + r.err());
            assertTrue(r.err().startsWith("aerolux: "), r.err());
            assertEquals(1, r.err().lines().count(), "one line: " + r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void helpAndVersionExitWith0() {
        Result help = run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("info") && help.out().contains("copy"), help.out());
        Result version = run("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("aerolux "), version.out());
        assertEquals(0, run("copy", "--help").code());
    }

    @Test
    void badInputExitsWith3NamingTheFileAndLeavesNoOutput() throws Exception {
        Path cut = tmp.resolve("cut.tif");
        byte[] all = Files.readAllBytes(SharedData.landsat());
        Files.write(cut, Arrays.copyOf(all, all.length / 3));
        Path out = tmp.resolve("never.tif");
        for (String[] args : List.of(new String[] {"info", cut.toString()}, new String[] {"copy", cut.toString(), out.toString()},
                new String[] {"info", tmp.resolve("missing.tif").toString()},
                new String[] {"copy", SharedData.natural("astronaut.png").toString(), out.toString()})) {
            Result r = run(args);
            assertEquals(3, r.code(), Arrays.toString(args) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("aerolux: " + args[1] + ": "), r.err());
            assertFalse(r.err().contains("Exception"), "no stack trace or class names: " + r.err());
        }
        assertTrue(run("info", cut.toString()).err().contains("truncated"));
        assertTrue(run("info", tmp.resolve("missing.tif").toString()).err().contains("file not found"));
        assertEquals(List.of(cut), list(), "no output, no temporary file");
    }

    @Test
    void copyOntoItsInputIsRefused() throws Exception {
        Path in = tmp.resolve("scene.tif");
        Files.copy(SharedData.landsat(), in);
        byte[] before = Files.readAllBytes(in);
        Result r = run("copy", in.toString(), tmp.resolve("./scene.tif").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("refusing to overwrite an input file"), r.err());
        assertArrayEquals(before, Files.readAllBytes(in));
        assertEquals(List.of(in), list());
        Result missingDir = run("copy", in.toString(), tmp.resolve("no/dir/out.tif").toString());
        assertEquals(2, missingDir.code());
        assertTrue(missingDir.err().contains("output folder does not exist"), missingDir.err());
    }

    private List<Path> list() {
        try (var s = Files.list(tmp)) {
            return s.sorted().toList();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
