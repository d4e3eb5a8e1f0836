package org.aerolux.plugins;

import static org.aerolux.plugins.HeadlessFiji.q;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.aerolux.core.model.Sha256;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.GeoTiffSink;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.Rasters;
import org.aerolux.core.testing.SharedData;
import org.aerolux.core.testing.TestImages;
import org.aerolux.core.testing.TestModels;
import org.aerolux.core.testing.TiffBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main cases of the bad-input matrix (cli's BadInputMatrixTest) through headless ImageJ macros: each stops the
 * macro (the line after the command never runs), puts one line "COMMAND: FILE: problem" in the Log with no stack
 * trace, writes no file, and leaves the inputs' bytes unchanged.
 */
class BadInputHeadlessIT {
    @TempDir
    Path dir;

    record Case(String name, String macro, String command, Path named, String problem) {}

    @Test
    void brokenFilesAndModelsStopTheMacroWithOneLineAndWriteNothing() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in")), save = dir.resolve("save");
        Path small = raster(in.resolve("small.tif"));
        Path cut = in.resolve("cut.tif");
        byte[] landsat = Files.readAllBytes(SharedData.landsat());
        Files.write(cut, Arrays.copyOf(landsat, landsat.length / 3));
        Path empty = Files.write(in.resolve("empty.tif"), new byte[0]);
        Path png = Files.copy(SharedData.natural("color.png"), in.resolve("photo.tif"));
        Path keys = raster(in.resolve("keys.tif"));
        TiffBytes.setShortInArray(keys, 34735, 3, 400);
        Path model = TestSegModel.in(in.resolve("model"));
        Path wrongRank = Files.copy(TestModels.wrongRank(), in.resolve("wrong_rank.onnx"));
        Path missingKey = Files.copy(TestModels.missingKey(), in.resolve("missing_key.onnx"));
        Path notOnnx = Files.writeString(in.resolve("notes.onnx"), "a text file, not a model\n");
        String importSmall = "run(\"AeroLux Import GeoTIFF\", \"path=[" + small + "]\");\n";
        String seg = "AeroLux Segment (FarSeg)";
        List<Case> cases = List.of(
                new Case("truncated GeoTIFF", imp(cut), "AeroLux Import GeoTIFF", cut, "truncated"),
                new Case("zero-byte file", imp(empty), "AeroLux Import GeoTIFF", empty, "empty file"),
                new Case("PNG renamed .tif", imp(png), "AeroLux Import GeoTIFF", png, "named as a TIFF but holds a PNG image"),
                new Case("broken GeoKeys", imp(keys), "AeroLux Import GeoTIFF", keys, "unreadable GeoKeys"),
                new Case("wrong input rank", importSmall + segment(wrongRank, save), seg, wrongRank, "rank 3"),
                new Case("card missing a key", importSmall + segment(missingKey, save), seg, missingKey, "aerolux.overlap"),
                new Case("non-ONNX model", importSmall + segment(notOnnx, save), seg, notOnnx, "not an ONNX model"),
                new Case("--bands out of range", importSmall + "run(\"" + seg + "\", \"model=[" + model + "] bands=1,2,9 labels save=["
                        + save + "]\");\n", seg, null, "band 9 does not exist"));
        Map<Path, String> before = hashes(in);
        for (Case c : cases) {
            Path after = dir.resolve("after.txt");
            String log = HeadlessFiji.run(c.macro() + "File.append(\"after\", " + q(after) + ");");
            assertFalse(Files.exists(after), c.name() + ": the macro stops\n" + log);
            List<String> lines = log.lines().filter(l -> l.startsWith(c.command() + ": ")).toList();
            assertEquals(1, lines.size(), c.name() + ": one line\n" + log);
            String line = lines.get(0);
            if (c.named() != null) assertTrue(line.contains(c.named() + ": "), c.name() + ": names the file\n" + line);
            assertTrue(line.contains(c.problem()), c.name() + ": says '" + c.problem() + "'\n" + line);
            assertFalse(log.contains("\tat ") || log.contains("internal error"), c.name() + ": no stack trace\n" + log);
            assertEquals(List.of(), Files.isDirectory(save) ? list(save) : List.of(), c.name() + ": nothing saved");
            assertEquals(before, hashes(in), c.name() + ": inputs unchanged");
        }
    }

    @Test
    void aBatchReportsBadFilesSkipsThemAndDoesTheOthers() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve("out");
        raster(in.resolve("good.tif"));
        Files.write(in.resolve("empty.tif"), new byte[0]);
        Files.copy(SharedData.natural("color.png"), in.resolve("photo.tif"));
        Path model = TestSegModel.in(dir.resolve("model"));
        Map<Path, String> before = hashes(in);
        String log = HeadlessFiji.run("run(\"AeroLux Batch\", \"task=segment input=[" + in + "] output=[" + out + "] model=[" + model
                + "] device=cpu labels\");");
        assertTrue(log.contains(in.resolve("empty.tif") + ": empty file"), log);
        assertTrue(log.contains(in.resolve("photo.tif") + ": named as a TIFF but holds a PNG image"), log);
        assertFalse(log.contains("\tat "), log);
        assertEquals(List.of("good_aerolux.json", "good_labels.tif", "good_labels.tif.aux.xml"),
                list(out).stream().map(p -> p.getFileName().toString()).toList(), "the good file is done, nothing else written");
        assertEquals(before, hashes(in));
    }

    private static String imp(Path file) {
        return "run(\"AeroLux Import GeoTIFF\", \"path=[" + file + "]\");\n";
    }

    private static String segment(Path model, Path save) {
        return "run(\"AeroLux Segment (FarSeg)\", \"model=[" + model + "] bands=1,2,3 device=cpu labels save=[" + save + "]\");\n";
    }

    private static Path raster(Path file) {
        Georeference g = Georeference.of(Rasters.crs(32633), new Affine(500000, 0.5, 0, 4000000, 0, -0.5));
        try (GeoTiffSink s = GeoTiffSink.builder(file, 40, 40, 3, DataType.UINT8).georeference(g).build()) {
            TestImages.stream(s, 40, 40, 3, 16, (x, y, b) -> (x * 7 + y * 13 + b * 101) % 256);
            s.commit();
        }
        return file;
    }

    private static List<Path> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }

    private static Map<Path, String> hashes(Path d) throws IOException {
        Map<Path, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(d)) {
            s.filter(Files::isRegularFile).forEach(p -> m.put(p, Sha256.of(p)));
        }
        return m;
    }
}
