package org.aerolux.plugins;

import static org.aerolux.plugins.HeadlessFiji.q;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aerolux.core.model.ModelRegistry;
import org.aerolux.core.testing.Gdal;
import org.aerolux.core.testing.GdalInfo;
import org.aerolux.core.testing.SharedData;
import org.aerolux.enhancement.Enhancer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AeroLux Enhance (CUE) on a small crop of a photograph and AeroLux Batch over a folder, in headless ImageJ, with
 * the bundled cue-demo model; results checked against the enhancement module's own file run and gdalinfo.
 */
class EnhanceBatchHeadlessIT {
    @TempDir
    Path dir;

    @Test
    void enhancesACropLikeTheCommandLineAndKeepsItsGrid() throws Exception {
        Path facts = dir.resolve("facts.txt"), save = dir.resolve("save");
        // a georeferenced 3-band uint8 crop of the Landsat scene, darkened: small enough for CUE on the CPU
        String log = HeadlessFiji.run(String.join("\n",
                "run(\"AeroLux Import GeoTIFF\", \"path=[" + SharedData.landsat() + "]\");",
                "makeRectangle(40, 60, 128, 96);",
                "run(\"Duplicate...\", \"title=dark.tif duplicate range=1-3\");",
                "run(\"Multiply...\", \"value=0.4 stack\");",
                "run(\"AeroLux Export GeoTIFF\", \"path=[" + dir.resolve("dark.tif") + "]\");",
                "run(\"AeroLux Enhance (CUE)\", \"model=cue-demo bands=default tile=auto device=cpu save=[" + save + "]\");",
                "File.append(getTitle() + \" \" + getWidth() + \"x\" + getHeight() + \"x\" + nSlices + \" \" + bitDepth(), " + q(facts) + ");",
                "run(\"AeroLux Export GeoTIFF\", \"path=[" + dir.resolve("enhanced-export.tif") + "]\");"));
        assertEquals("dark_enhanced 128x96x3 8", Files.readAllLines(facts).get(0), log);
        Path cli = dir.resolve("cli.tif");
        ReferenceRuns.run("enhance", HeadlessFiji.bundle().resolve("models/aerolux/registry.json").toString(), dir.resolve("dark.tif").toString(), cli.toString());
        double[][] expected = Gdal.pixels(cli);
        for (Path p : List.of(save.resolve("dark_enhanced.tif"), dir.resolve("enhanced-export.tif"))) {
            double[][] got = Gdal.pixels(p);
            for (int b = 0; b < 3; b++) assertArrayEquals(expected[b], got[b], 0, p + " band " + (b + 1));
            GdalInfo g = GdalInfo.of(p);
            assertEquals(31985, g.epsg());
            assertArrayEquals(GeoTiffHeadlessIT.shifted(GdalInfo.of(SharedData.landsat()).geoTransform(), 40, 60), g.geoTransform(), 1e-9);
        }
        assertTrue(Files.isRegularFile(save.resolve("dark_aerolux.json")));
    }

    @Test
    void enhancesAnRgbPhotographIntoAnRgbImageLikeTheCommandLine() throws Exception {
        Path facts = dir.resolve("facts.txt"), dark = dir.resolve("dark.png"), fiji = dir.resolve("fiji.png"), save = dir.resolve("save");
        // a dark 128x96 crop of an RGB photograph (ImageJ's ColorProcessor path), saved losslessly for the reference run
        String log = HeadlessFiji.run(String.join("\n",
                "open(" + q(SharedData.natural("astronaut.png")) + ");",
                "File.append(\"input \" + bitDepth(), " + q(facts) + ");",
                "makeRectangle(180, 200, 128, 96);",
                "run(\"Crop\");",
                "run(\"Multiply...\", \"value=0.3\");",
                "saveAs(\"PNG\", " + q(dark) + ");",
                "run(\"AeroLux Enhance (CUE)\", \"model=cue-demo bands=default tile=auto device=cpu save=[" + save + "]\");",
                "File.append(getTitle() + \" \" + getWidth() + \"x\" + getHeight() + \"x\" + nSlices + \" \" + bitDepth(), " + q(facts) + ");",
                "saveAs(\"PNG\", " + q(fiji) + ");"));
        List<String> lines = Files.readAllLines(facts);
        assertEquals("input 24", lines.get(0), log);
        assertEquals("dark_enhanced 128x96x1 24", lines.get(1), log); // RGB stays RGB
        assertTrue(log.contains("AeroLux Enhance (CUE): "), log);
        Path cli = dir.resolve("cli.png");
        ReferenceRuns.run("enhance", HeadlessFiji.bundle().resolve("models/aerolux/registry.json").toString(), dark.toString(), cli.toString());
        double[][] expected = Gdal.pixels(cli), input = Gdal.pixels(dark);
        assertEquals(3, expected.length);
        for (Path p : List.of(fiji, save.resolve("dark_enhanced.png"))) {
            double[][] got = Gdal.pixels(p);
            assertEquals(3, got.length, p.toString());
            for (int b = 0; b < 3; b++) assertArrayEquals(expected[b], got[b], 0, p + " band " + (b + 1));
        }
        // and it did enhance: brighter than the dark input
        for (int b = 0; b < 3; b++) assertTrue(mean(expected[b]) > mean(input[b]) + 10, "band " + (b + 1));
    }

    private static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElseThrow();
    }

    @Test
    void batchSegmentsAndEnhancesAFolderAndResumes() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve("out"), enh = dir.resolve("enh");
        Path model = TestSegModel.in(dir.resolve("model"));
        Gdal.translate(SharedData.landsat(), in.resolve("a.tif"), "-srcwin", "0", "0", "100", "90");
        Gdal.translate(SharedData.landsat(), in.resolve("b.tif"), "-srcwin", "200", "150", "120", "100", "-b", "3", "-b", "2", "-b", "1");
        Files.writeString(in.resolve("broken.tif"), "not a tiff");
        String keys = "task=segment input=[" + in + "] output=[" + out + "] model=[" + model + "] bands=3,2,1 tile=64 overlap=16"
                + " device=cpu labels confidence";
        String first = HeadlessFiji.run("run(\"AeroLux Batch\", \"" + keys + "\");");
        assertTrue(first.contains("a.tif: done") && first.contains("b.tif: done"), first);
        assertTrue(first.contains("broken.tif") && first.contains("2 done, 0 skipped, 1 failed of 3"), first);
        for (String f : List.of("a_labels.tif", "a_confidence.tif", "a_aerolux.json", "b_labels.tif", "b_confidence.tif")) assertTrue(Files.isRegularFile(out.resolve(f)), f);
        assertArrayEquals(GdalInfo.of(in.resolve("b.tif")).geoTransform(), GdalInfo.of(out.resolve("b_labels.tif")).geoTransform(), 0);
        // a second run resumes: done files are skipped
        Files.delete(in.resolve("broken.tif"));
        String second = HeadlessFiji.run("run(\"AeroLux Batch\", \"" + keys + "\");");
        assertTrue(second.contains("0 done, 2 skipped, 0 failed of 2"), second);

        Gdal.translate(SharedData.natural("astronaut.png"), in.resolve("c.png"), "-srcwin", "100", "100", "96", "64");
        String e = HeadlessFiji.run("run(\"AeroLux Batch\", \"task=enhance input=[" + in + "] output=[" + enh + "] model=cue-demo device=cpu\");");
        assertTrue(e.contains("3 done, 0 skipped, 0 failed of 3"), e);
        assertTrue(Files.isRegularFile(enh.resolve("c_enhanced.png")) && Files.isRegularFile(enh.resolve("a_enhanced.tif")));
        assertArrayEquals(GdalInfo.of(in.resolve("a.tif")).geoTransform(), GdalInfo.of(enh.resolve("a_enhanced.tif")).geoTransform(), 0);
    }

    @Test
    void batchEnhancementEqualsTheCommandLineByteForByte() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in")), cli = dir.resolve("cli"), fiji = dir.resolve("fiji");
        Gdal.translate(SharedData.landsat(), in.resolve("a.tif"), "-srcwin", "30", "20", "100", "90", "-b", "3", "-b", "2", "-b", "1");
        Gdal.translate(SharedData.natural("astronaut.png"), in.resolve("c.png"), "-srcwin", "100", "100", "96", "64");
        String model = SharedData.repo().resolve("models/cue-demo.onnx").toString();
        ReferenceRuns.run("cli", "enhance", "--model", model, "--input", in.toString(), "--output", cli.toString(), "--bands", "1,2,3",
                "--device", "cpu", "--quiet");
        String log = HeadlessFiji.run("run(\"AeroLux Batch\", \"task=enhance input=[" + in + "] output=[" + fiji + "] model=[" + model
                + "] bands=1,2,3 device=cpu\");");
        assertTrue(log.contains("2 done, 0 skipped, 0 failed of 2"), log);
        for (String stem : List.of("a", "c")) {
            String name = stem + (stem.equals("c") ? "_enhanced.png" : "_enhanced.tif");
            assertArrayEquals(Files.readAllBytes(cli.resolve(name)), Files.readAllBytes(fiji.resolve(name)), name + " byte for byte");
            com.google.gson.JsonObject a = comparable(cli.resolve(stem + "_aerolux.json")), b = comparable(fiji.resolve(stem + "_aerolux.json"));
            assertEquals(a, b, stem + ": the same provenance apart from times, command line and memory budget");
        }
    }

    /** A provenance without what differs between two runs of the same input and options in different processes. */
    private static com.google.gson.JsonObject comparable(Path provenance) throws Exception {
        com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(Files.readString(provenance)).getAsJsonObject();
        for (String f : List.of("started", "timings_s", "invocation")) o.remove(f);
        for (String f : List.of("memory_budget", "memory_budget_bytes")) o.getAsJsonObject("parameters").remove(f);
        o.getAsJsonObject("mode").remove("budget_bytes");
        o.getAsJsonObject("mode").remove("why");
        return o;
    }
}
