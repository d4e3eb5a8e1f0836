package org.aerolux.cli;

import static org.aerolux.cli.CliRun.list;
import static org.aerolux.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.aerolux.core.model.Sha256;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.GeoTiffSink;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.Rasters;
import org.aerolux.core.testing.Gdal;
import org.aerolux.core.testing.GdalInfo;
import org.aerolux.core.testing.SharedData;
import org.aerolux.core.testing.TestImages;
import org.aerolux.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aerolux segment} in-process: outputs checked with GDAL, provenance, errors, folder resume. */
class SegmentCommandTest {
    @TempDir
    Path tmp;

    @Test
    void landsatWithBands321KeepsEpsg31985TheExactTransformAndGivesConsistentOutputs() throws Exception {
        Path out = tmp.resolve("out");
        CliRun.Result r = run("segment", "--model", TestModels.conv3x3().toString(), "--input", SharedData.landsat().toString(),
                "--output", out.toString(), "--bands", "3,2,1", "--outputs", "labels,probabilities,confidence,entropy",
                "--device", "cpu", "--threads", "1");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("L7_ETMs.tif: 64 tiles (0 nodata) on cpu"), r.out());
        assertTrue(r.err().contains("model conv3x3-test (" + TestModels.conv3x3() + ", not in the registry) runs on cpu"), r.err());
        GdalInfo in = GdalInfo.of(SharedData.landsat());
        for (String name : List.of("L7_ETMs_labels.tif", "L7_ETMs_probabilities.tif", "L7_ETMs_confidence.tif", "L7_ETMs_entropy.tif")) {
            GdalInfo g = GdalInfo.of(out.resolve(name));
            assertEquals(31985, g.epsg(), name);
            assertArrayEquals(in.geoTransform(), g.geoTransform(), 0.0, name + ": the exact transform");
            assertEquals(349, g.width(), name);
            assertEquals(352, g.height(), name);
        }
        GdalInfo labels = GdalInfo.of(out.resolve("L7_ETMs_labels.tif"));
        assertEquals("Byte", labels.bandType(1));
        assertEquals(255.0, labels.noData(1));
        assertEquals("Palette", labels.colorInterpretation(1));
        assertArrayEquals(new int[] {255, 204, 0, 255}, labels.colorTableEntry(1, 1), "class 1 'bright' is #ffcc00");
        assertEquals("classes: 0 background, 1 bright; 255 nodata", labels.description(1));
        assertEquals(List.of("background", "bright"), labels.categories(1), "category names from the .aux.xml sidecar");
        GdalInfo probs = GdalInfo.of(out.resolve("L7_ETMs_probabilities.tif"));
        assertEquals(2, probs.bandCount());
        assertEquals("Float32", probs.bandType(2));
        assertEquals("probability of bright", probs.description(2));
        assertTrue(Double.isNaN(probs.noData(1)));
        assertEquals("entropy of the class probabilities (nats)", GdalInfo.of(out.resolve("L7_ETMs_entropy.tif")).description(1));

        double[][] p = Gdal.pixels(out.resolve("L7_ETMs_probabilities.tif"));
        double[] lab = Gdal.pixels(out.resolve("L7_ETMs_labels.tif"))[0];
        double[] conf = Gdal.pixels(out.resolve("L7_ETMs_confidence.tif"))[0];
        double[] ent = Gdal.pixels(out.resolve("L7_ETMs_entropy.tif"))[0];
        long[] count = new long[2];
        for (int i = 0; i < lab.length; i++) {
            assertEquals(1.0, p[0][i] + p[1][i], 1e-6, "probabilities sum to 1");
            assertEquals(p[1][i] > p[0][i] ? 1 : 0, lab[i], 0.0, "label is the argmax at " + i);
            assertEquals(Math.max(p[0][i], p[1][i]), conf[i], 1e-7);
            double h = -(p[0][i] * Math.log(p[0][i]) + p[1][i] * Math.log(p[1][i]));
            assertEquals(h, ent[i], 1e-5);
            count[(int) lab[i]]++;
        }
        assertTrue(count[0] > 0 && count[1] > 0, "both classes occur");

        JsonObject prov = JsonParser.parseString(Files.readString(out.resolve("L7_ETMs_aerolux.json"))).getAsJsonObject();
        JsonObject model = prov.getAsJsonObject("model");
        assertEquals(Sha256.of(TestModels.conv3x3()), model.get("sha256").getAsString());
        assertFalse(model.get("sha256_verified").getAsBoolean());
        assertEquals("conv3x3-test", model.get("name").getAsString());
        assertEquals("3", model.getAsJsonObject("card").get("aerolux.receptive_field").getAsString(), "the full card");
        JsonObject params = prov.getAsJsonObject("parameters");
        assertEquals("[3,2,1]", params.getAsJsonArray("bands").toString());
        assertEquals(64, params.get("tile").getAsInt());
        assertEquals(16, params.get("overlap").getAsInt());
        assertEquals("cosine", params.get("blend").getAsString());
        assertEquals(1.0, params.get("temperature").getAsDouble());
        JsonObject device = prov.getAsJsonObject("device");
        assertEquals("cpu", device.get("used").getAsString());
        assertEquals("cpu requested", device.get("reason").getAsString());
        JsonObject versions = prov.getAsJsonObject("versions");
        assertEquals("1.29.0", versions.get("onnxruntime").getAsString());
        assertEquals("0.38.0", versions.get("djl").getAsString());
        assertEquals(System.getProperty("java.version"), versions.get("java").getAsString().split(" ")[0]);
        assertEquals(64, prov.getAsJsonObject("tiles").get("run").getAsInt());
        JsonObject input = prov.getAsJsonObject("input");
        assertEquals(6, input.get("bands").getAsInt());
        assertEquals(31985, input.getAsJsonObject("crs").get("epsg").getAsInt());
        JsonArray classes = prov.getAsJsonObject("class_statistics").getAsJsonArray("classes");
        double pixelArea = Math.abs(in.geoTransform()[1] * in.geoTransform()[5]);
        for (int k = 0; k < 2; k++) {
            JsonObject c = classes.get(k).getAsJsonObject();
            assertEquals(count[k], c.get("pixels").getAsLong(), "class statistics count the labels GDAL reads");
            assertEquals(count[k] * pixelArea, c.get("area_m2").getAsDouble(), 1e-6 * count[k] * pixelArea);
        }
        String text = Files.readString(out.resolve("L7_ETMs_aerolux.json"));
        assertFalse(text.contains(System.getProperty("user.name") + "\""), "no user names");
        assertEquals(List.of("L7_ETMs_aerolux.json", "L7_ETMs_confidence.tif", "L7_ETMs_entropy.tif", "L7_ETMs_labels.tif",
                "L7_ETMs_labels.tif.aux.xml", "L7_ETMs_probabilities.tif"), names(out), "nothing else, no temporary file");
    }

    @Test
    void rotatedAndGeographicGridsAreKeptExactly() throws Exception {
        Path model = CliRun.dominantModel(tmp.resolve("m"));
        Affine rotated = new Affine(500000.5, 0.3, 0.1, 4000000.25, 0.1, -0.3);
        Affine geographic = new Affine(12.25, 1e-5, 0, 45.5, 0, -1e-5);
        Path a = write(tmp.resolve("rot.tif"), Georeference.of(Rasters.crs(32633), rotated), 90, 70);
        Path b = write(tmp.resolve("geo.tif"), Georeference.of(Rasters.crs(4326), geographic), 90, 70);
        for (Path in : List.of(a, b)) {
            CliRun.Result r = run("segment", "--model", model.toString(), "--input", in.toString(), "--output", tmp.resolve("out").toString(),
                    "--device", "cpu", "--quiet");
            assertEquals(0, r.code(), r.all());
            assertEquals("", r.out() + r.err(), "--quiet prints nothing");
        }
        GdalInfo ga = GdalInfo.of(tmp.resolve("out/rot_labels.tif")), gb = GdalInfo.of(tmp.resolve("out/geo_confidence.tif"));
        assertEquals(32633, ga.epsg());
        assertArrayEquals(rotated.toGdal(), ga.geoTransform(), 1e-12, "rotation kept");
        assertEquals(4326, gb.epsg());
        assertArrayEquals(geographic.toGdal(), gb.geoTransform(), 1e-15);
        JsonObject prov = JsonParser.parseString(Files.readString(tmp.resolve("out/rot_aerolux.json"))).getAsJsonObject();
        JsonObject stats = prov.getAsJsonObject("class_statistics");
        assertEquals(90 * 70 * Math.abs(0.3 * -0.3 - 0.1 * 0.1), stats.get("data_area_m2").getAsDouble(), 1e-9,
                "a rotated pixel covers |det| square metres");
        JsonObject geo = JsonParser.parseString(Files.readString(tmp.resolve("out/geo_aerolux.json"))).getAsJsonObject()
                .getAsJsonObject("class_statistics");
        double expected = ellipsoidalArea(12.25, 12.25 + 90 * 1e-5, 45.5 - 70 * 1e-5, 45.5);
        assertEquals(expected, geo.get("data_area_m2").getAsDouble(), 1e-6 * expected,
                "geographic pixels: geodesic areas on the WGS 84 ellipsoid (" + geo.get("area_method").getAsString() + ")");
        double sphere = Math.toRadians(90 * 1e-5) * 6371008.8 * 6371008.8
                * (Math.sin(Math.toRadians(45.5)) - Math.sin(Math.toRadians(45.5 - 70 * 1e-5)));
        assertTrue(Math.abs(sphere - expected) > 1e-4 * expected, "the check tells the ellipsoid from a sphere");
        double sum = 0;
        for (var c : geo.getAsJsonArray("classes")) sum += c.getAsJsonObject().get("area_m2").getAsDouble();
        assertEquals(expected, sum, 1e-6 * expected);
    }

    /**
     * Area of a longitude/latitude rectangle on the WGS 84 ellipsoid, in closed form (the authalic-latitude
     * integral): (b² / 2) dλ [q(φ2) - q(φ1)], q(φ) = sin φ / (1 - e² sin² φ) + ln((1 + e sin φ) / (1 - e sin φ)) / (2e).
     */
    static double ellipsoidalArea(double lon1, double lon2, double lat1, double lat2) {
        double a = 6378137.0, f = 1 / 298.257223563, b = a * (1 - f), e = Math.sqrt(f * (2 - f));
        java.util.function.DoubleUnaryOperator q = lat -> {
            double s = Math.sin(Math.toRadians(lat));
            return s / (1 - e * e * s * s) + Math.log((1 + e * s) / (1 - e * s)) / (2 * e);
        };
        return b * b / 2 * Math.toRadians(lon2 - lon1) * (q.applyAsDouble(lat2) - q.applyAsDouble(lat1));
    }

    @Test
    void anObjectAcrossTileBordersIsOnePolygonInLonLat() throws Exception {
        Path model = CliRun.dominantModel(tmp.resolve("m")); // tiles of 64 with overlap 16: cores of 48 px
        Path in = tmp.resolve("fields.tif");
        Georeference g = Georeference.of(Rasters.crs(32633), new Affine(500000, 0.5, 0, 5000000, 0, -0.5));
        try (GeoTiffSink s = GeoTiffSink.builder(in, 200, 150, 3, DataType.UINT8).georeference(g).build()) {
            TestImages.stream(s, 200, 150, 3, 50, (x, y, b) -> {
                boolean field = x >= 40 && x < 150 && y >= 30 && y < 110; // crosses tile borders at x 48, 96, 144 and y 48, 96
                boolean pond = x >= 170 && x < 180 && y >= 5 && y < 12;
                int bright = field ? 1 : pond ? 2 : 0;
                return b == bright ? 200 : 60;
            });
            s.commit();
        }
        Path out = tmp.resolve("out");
        CliRun.Result r = run("segment", "--model", model.toString(), "--input", in.toString(), "--output", out.toString(),
                "--outputs", "labels,vectors", "--quiet");
        assertEquals(0, r.code(), r.all());
        JsonObject fc = JsonParser.parseString(Files.readString(out.resolve("fields_objects.geojson"))).getAsJsonObject();
        assertEquals("FeatureCollection", fc.get("type").getAsString());
        JsonArray features = fc.getAsJsonArray("features");
        assertEquals(2, features.size(), "one polygon for the field, one for the pond; background is not an object");
        JsonObject field = features.asList().stream().map(e -> e.getAsJsonObject())
                .filter(f -> f.getAsJsonObject("properties").get("class").getAsInt() == 1).findFirst().orElseThrow();
        JsonObject props = field.getAsJsonObject("properties");
        assertEquals("green", props.get("class_name").getAsString());
        assertEquals(110 * 80, props.get("pixels").getAsLong());
        assertEquals(110 * 80 * 0.25, props.get("area_m2").getAsDouble(), 1e-9);
        assertEquals("Polygon", field.getAsJsonObject("geometry").get("type").getAsString());
        JsonArray ring = field.getAsJsonObject("geometry").getAsJsonArray("coordinates").get(0).getAsJsonArray();
        for (var p : ring) {
            double lon = p.getAsJsonArray().get(0).getAsDouble(), lat = p.getAsJsonArray().get(1).getAsDouble();
            assertTrue(lon > 14.9 && lon < 15.1 && lat > 45.1 && lat < 45.2, "WGS 84 lon/lat near UTM 33N (500000, 5000000): " + p);
        }
        JsonObject prov = JsonParser.parseString(Files.readString(out.resolve("fields_aerolux.json"))).getAsJsonObject();
        assertEquals(2, prov.getAsJsonObject("vectors").get("objects").getAsLong());
        assertEquals(props.get("area_m2").getAsDouble(), prov.getAsJsonObject("class_statistics").getAsJsonArray("classes").get(1)
                .getAsJsonObject().get("area_m2").getAsDouble(), 1e-9, "class statistics and objects agree");
        CliRun.Result noCrs = run("segment", "--model", model.toString(), "--input", write(tmp.resolve("plain.tif"), Georeference.NONE, 40, 40)
                .toString(), "--output", tmp.resolve("out2").toString(), "--outputs", "vectors", "--quiet");
        assertEquals(2, noCrs.code(), noCrs.all());
        assertTrue(noCrs.err().contains("GeoJSON (RFC 7946) needs WGS 84"), noCrs.err());
        assertEquals(List.of(), list(tmp.resolve("out2")), "no partial output");
    }

    static Path write(Path file, Georeference g, int w, int h) {
        try (GeoTiffSink s = GeoTiffSink.builder(file, w, h, 3, DataType.UINT8).georeference(g).build()) {
            TestImages.stream(s, w, h, 3, 16, (x, y, b) -> (x * 7 + y * 13 + b * 101) % 256);
            s.commit();
        }
        return file;
    }

    @Test
    void aOneBandRasterWithoutBandsIsAUsageErrorNamingTheFileAndLeavesNothing() {
        Path gray = tmp.resolve("gray.tif");
        try (GeoTiffSink s = GeoTiffSink.builder(gray, 40, 30, 1, DataType.UINT8).build()) {
            TestImages.stream(s, 40, 30, 1, 30, (x, y, b) -> x + y);
            s.commit();
        }
        Path out = tmp.resolve("out");
        CliRun.Result r = run("segment", "--model", TestModels.conv3x3().toString(), "--input", gray.toString(), "--output", out.toString(),
                "--quiet");
        assertEquals(2, r.code(), r.all());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("aerolux: " + gray + ": the model takes 3 bands (red, green, blue) but the input has 1;"
                + " choose them with --bands"), r.err());
        assertEquals(List.of(), list(out), "no output, no temporary file");
        CliRun.Result ok = run("segment", "--model", TestModels.conv3x3().toString(), "--input", gray.toString(), "--output",
                out.toString(), "--bands", "1,1,1", "--quiet");
        assertEquals(0, ok.code(), ok.all());
    }

    @Test
    void unknownModelMissingInputAndUnwritableOutputAreOneLineErrors() {
        Path out = tmp.resolve("out");
        CliRun.Result unknown = run("segment", "--model", "no-such-model", "--input", SharedData.landsat().toString(), "--output", out.toString());
        assertEquals(4, unknown.code(), unknown.all());
        assertTrue(unknown.err().startsWith("aerolux: unknown model 'no-such-model': not a registry name (known: "), unknown.err());
        assertEquals(1, unknown.err().lines().count());

        Path missing = tmp.resolve("nothing-here.tif");
        CliRun.Result noInput = run("segment", "--model", TestModels.conv3x3().toString(), "--input", missing.toString(), "--output", out.toString());
        assertEquals(3, noInput.code(), noInput.all());
        assertEquals("aerolux: " + missing + ": input not found\n", noInput.err());

        CliRun.Result readOnly = run("segment", "--model", TestModels.conv3x3().toString(), "--input", SharedData.landsat().toString(),
                "--output", "/sys", "--bands", "3,2,1");
        assertEquals(2, readOnly.code(), readOnly.all());
        assertTrue(readOnly.err().contains("aerolux: /sys: the output folder is not writable"), readOnly.err());
        assertEquals(1, readOnly.err().lines().count(), readOnly.err());

        CliRun.Result inFile = run("segment", "--model", TestModels.conv3x3().toString(), "--input", SharedData.landsat().toString(),
                "--output", SharedData.landsat().resolve("sub").toString(), "--bands", "3,2,1");
        assertEquals(2, inFile.code(), inFile.all());
        assertEquals(List.of(), list(out), "no output anywhere");
        assertFalse(Files.exists(out), "the output folder is only made once the model loads");
    }

    @Test
    void badOptionsAreUsageErrors() {
        String m = TestModels.conv3x3().toString(), in = SharedData.landsat().toString(), out = tmp.resolve("o").toString();
        for (String[] extra : List.of(new String[] {"--tile", "60"}, new String[] {"--overlap", "64"}, new String[] {"--blend", "max"},
                new String[] {"--device", "tpu"}, new String[] {"--temperature", "-1"}, new String[] {"--outputs", "labels,edges"},
                new String[] {"--bands", "3,x,1"}, new String[] {"--batch", "0"}, new String[] {"--threads", "-2"})) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("segment", "--model", m, "--input", in, "--output", out,
                    "--bands", "3,2,1"), java.util.Arrays.stream(extra)).toArray(String[]::new);
            CliRun.Result r = run(args);
            assertEquals(2, r.code(), String.join(" ", extra) + "\n" + r.all());
            assertEquals(1, r.err().lines().count(), r.err());
        }
        assertTrue(run("segment", "--model", m, "--input", in, "--output", out, "--tile", "60").err().contains("--tile 60 is not a multiple"));
        assertEquals(List.of(), list(tmp.resolve("o")));
    }

    @Test
    void aFolderRunResumesSkipsHiddenAndTemporaryFilesAndOverwritesOnRequest() throws Exception {
        Path model = CliRun.dominantModel(tmp.resolve("m"));
        Path in = Files.createDirectories(tmp.resolve("in"));
        Georeference g = Georeference.of(Rasters.crs(32633), new Affine(500000, 0.5, 0, 4000000, 0, -0.5));
        write(in.resolve("a.tif"), g, 70, 50);
        write(in.resolve("b.TIFF"), g, 50, 70);
        Files.writeString(in.resolve(".hidden.tif"), "not a tiff");
        Files.writeString(in.resolve(".c.tif.123-1.part"), "temporary");
        Files.writeString(in.resolve("notes.txt"), "not a raster");
        write(in.resolve("a_labels.tif"), g, 70, 50); // the output of an earlier run into the input folder: not an input
        Path out = tmp.resolve("out");
        String[] args = {"segment", "--model", model.toString(), "--input", in.toString(), "--output", out.toString(), "--device", "cpu"};
        CliRun.Result first = run(args);
        assertEquals(0, first.code(), first.all());
        assertTrue(first.out().contains("[1/2] a.tif: ") && first.out().contains("[2/2] b.TIFF: "), first.out());
        assertEquals(List.of("a_aerolux.json", "a_confidence.tif", "a_labels.tif", "a_labels.tif.aux.xml", "b_aerolux.json",
                "b_confidence.tif", "b_labels.tif", "b_labels.tif.aux.xml"), names(out));
        FileTime aTime = Files.getLastModifiedTime(out.resolve("a_labels.tif"));
        Files.setLastModifiedTime(out.resolve("a_labels.tif"), FileTime.fromMillis(aTime.toMillis() - 60_000));
        Files.setLastModifiedTime(out.resolve("b_labels.tif"), FileTime.fromMillis(aTime.toMillis() - 60_000));
        Files.delete(out.resolve("b_aerolux.json")); // b was interrupted before its provenance: it is redone

        CliRun.Result second = run(args);
        assertEquals(0, second.code(), second.all());
        assertTrue(second.out().contains("[1/2] a.tif: skipped, its outputs exist (use --overwrite to redo it)"), second.out());
        assertTrue(second.out().contains("[2/2] b.TIFF: 4 tiles"), second.out());
        assertEquals(aTime.toMillis() - 60_000, Files.getLastModifiedTime(out.resolve("a_labels.tif")).toMillis(), "a untouched");
        assertTrue(Files.getLastModifiedTime(out.resolve("b_labels.tif")).toMillis() > aTime.toMillis() - 60_000, "b redone");

        CliRun.Result again = run(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--overwrite"))
                .toArray(String[]::new));
        assertEquals(0, again.code(), again.all());
        assertFalse(again.out().contains("skipped"), again.out());
        assertTrue(Files.getLastModifiedTime(out.resolve("a_labels.tif")).toMillis() > aTime.toMillis() - 60_000, "a redone");
    }

    @Test
    void aBadFileInAFolderFailsAloneWithItsExitCode() throws Exception {
        Path model = CliRun.dominantModel(tmp.resolve("m"));
        Path in = Files.createDirectories(tmp.resolve("in"));
        write(in.resolve("good.tif"), Georeference.NONE, 40, 40);
        Files.writeString(in.resolve("broken.tif"), "this is not a TIFF");
        Path out = tmp.resolve("out");
        CliRun.Result r = run("segment", "--model", model.toString(), "--input", in.toString(), "--output", out.toString());
        assertEquals(3, r.code(), r.all());
        assertTrue(r.err().contains("aerolux: " + in.resolve("broken.tif") + ": "), r.err());
        assertTrue(r.err().contains("aerolux: 1 of 2 inputs failed; the others are done"), r.err());
        assertEquals(List.of("good_aerolux.json", "good_confidence.tif", "good_labels.tif", "good_labels.tif.aux.xml"), names(out));
    }

    static List<String> names(Path dir) {
        return list(dir).stream().map(p -> p.getFileName().toString()).toList();
    }
}
