package org.aerolux.cli;

import static org.junit.jupiter.api.Assertions.*;

import org.aerolux.cli.AeroLuxCliTest.Result;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.aerolux.core.testing.Gdal;
import org.aerolux.core.testing.GdalInfo;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aerolux enhance} in-process with the registered cue-demo model on small images; outputs checked with GDAL. */
class EnhanceCommandTest {
    @TempDir
    Path tmp;

    static Result run(String... args) { return AeroLuxCliTest.run(args); }

    /** A window of the bundled low-light sample (and of its reference) as PNG. */
    private Path sample(String name, String source, int w, int h) {
        Path p = tmp.resolve(name);
        Gdal.translate(SharedData.repo().resolve("samples").resolve(source), p, "-of", "PNG", "-srcwin", "150", "60",
                Integer.toString(w), Integer.toString(h));
        return p;
    }

    private static String registrySha256(String name) throws java.io.IOException {
        JsonObject reg = JsonParser.parseString(Files.readString(SharedData.repo().resolve("models/registry.json"))).getAsJsonObject();
        for (var m : reg.getAsJsonArray("models"))
            if (m.getAsJsonObject().get("name").getAsString().equals(name)) return m.getAsJsonObject().get("sha256").getAsString();
        throw new AssertionError(name + " is not in models/registry.json");
    }

    private Path landsatRgb(Path dir, String name) {
        Path p = dir.resolve(name);
        Gdal.translate(SharedData.landsat(), p, "-b", "3", "-b", "2", "-b", "1", "-srcwin", "100", "100", "64", "48");
        return p;
    }

    @Test
    void enhancesAPngWithReferenceSideBySideAndProvenance() throws Exception {
        Path in = sample("night.png", "lowlight.png", 96, 64), ref = sample("day.png", "lowlight_reference.png", 96, 64);
        Path out = tmp.resolve("out");
        Result r = run("enhance", "--input", in.toString(), "--output", out.toString(), "--reference", ref.toString(),
                "--side-by-side", "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().contains("night.png -> "), r.out());
        assertTrue(r.out().contains("enhanced PSNR"), r.out());
        assertEquals(List.of("night_aerolux.json", "night_before_after.png", "night_enhanced.png"), names(out));
        GdalInfo gi = GdalInfo.of(out.resolve("night_enhanced.png"));
        assertEquals(96, gi.width());
        assertEquals(3, gi.bandCount());
        GdalInfo pair = GdalInfo.of(out.resolve("night_before_after.png"));
        assertEquals(2 * 96 + 8, pair.width());

        JsonObject p = JsonParser.parseString(Files.readString(out.resolve("night_aerolux.json"))).getAsJsonObject();
        JsonObject model = p.getAsJsonObject("model");
        // no --model: the default, cue-lowlight, with the sha256 the registry records for it
        assertEquals("cue-lowlight", model.get("name").getAsString());
        assertEquals(registrySha256("cue-lowlight"), model.get("sha256").getAsString());
        assertTrue(model.get("sha256_verified").getAsBoolean());
        assertEquals("480", model.getAsJsonObject("card").get("aerolux.activation_bytes_per_pixel").getAsString());
        assertEquals("cpu", p.getAsJsonObject("device").get("used").getAsString());
        assertFalse(p.getAsJsonObject("device").get("reason").getAsString().isBlank());
        assertEquals("whole", p.getAsJsonObject("mode").get("used").getAsString());
        assertEquals("not applicable: whole-image mode is the model's own result",
                p.getAsJsonObject("tiled_vs_whole").get("note").getAsString());
        assertEquals(255.0, p.getAsJsonObject("value_range").get("high").getAsDouble());
        assertEquals(2, p.getAsJsonObject("parameters").get("threads").getAsInt());
        assertTrue(p.getAsJsonObject("versions").get("onnxruntime").getAsString().matches("\\d+\\.\\d+.*"));
        assertTrue(p.getAsJsonObject("timings_s").get("total").getAsDouble() > 0);
        JsonObject m = p.getAsJsonObject("metrics");
        assertTrue(m.get("enhanced_psnr_db").getAsDouble() > m.get("input_psnr_db").getAsDouble(), m.toString());
        assertTrue(m.get("enhanced_ssim").getAsDouble() > m.get("input_ssim").getAsDouble(), m.toString());
        assertTrue(p.getAsJsonObject("invocation").get("line").getAsString().startsWith("aerolux enhance --input"));
    }

    @Test
    void folderRunResumesAndOverwriteRedoes() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("in")), out = tmp.resolve("out");
        landsatRgb(dir, "a.tif");
        Files.copy(sample("b.png", "lowlight.png", 40, 32), dir.resolve("b.png"));
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        Result first = run("enhance", "--input", dir.toString(), "--output", out.toString(), "--quiet");
        assertEquals(0, first.code(), first.err());
        assertEquals("", first.out());
        assertEquals(List.of("a_aerolux.json", "a_enhanced.tif", "b_aerolux.json", "b_enhanced.png"), names(out));
        TestGeo.assertSameGeoreferencing(dir.resolve("a.tif"), out.resolve("a_enhanced.tif"));
        FileTime before = Files.getLastModifiedTime(out.resolve("a_enhanced.tif"));
        Thread.sleep(20);

        Result again = run("enhance", "--input", dir.toString(), "--output", out.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("a.tif: skipped") && again.out().contains("b.png: skipped"), again.out());
        assertEquals(before, Files.getLastModifiedTime(out.resolve("a_enhanced.tif")));

        Files.delete(out.resolve("b_aerolux.json")); // an interrupted run: the image without its provenance is redone
        Result resume = run("enhance", "--input", dir.toString(), "--output", out.toString());
        assertTrue(resume.out().contains("a.tif: skipped") && resume.out().contains("b.png -> "), resume.out());

        Result redo = run("enhance", "--input", dir.toString(), "--output", out.toString(), "--overwrite");
        assertEquals(0, redo.code(), redo.err());
        assertFalse(redo.out().contains("skipped"), redo.out());
        assertNotEquals(before, Files.getLastModifiedTime(out.resolve("a_enhanced.tif")));
    }

    @Test
    void outputsInTheInputFolderAreNotTakenForInputs() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("in"));
        Files.copy(sample("c.png", "lowlight.png", 24, 20), dir.resolve("c.png"));
        Result first = run("enhance", "--input", dir.toString(), "--output", dir.toString(), "--side-by-side");
        assertEquals(0, first.code(), first.err());
        Result again = run("enhance", "--input", dir.toString(), "--output", dir.toString(), "--overwrite");
        assertEquals(0, again.code(), again.err());
        assertEquals(List.of("c.png", "c_aerolux.json", "c_before_after.png", "c_enhanced.png"), names(dir));
    }

    @Test
    void aBadFileInAFolderIsReportedAndTheOthersAreDone() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("in")), out = tmp.resolve("out");
        landsatRgb(dir, "a.tif");
        Gdal.translate(SharedData.landsat(), dir.resolve("two.tif"), "-b", "1", "-b", "2", "-srcwin", "0", "0", "32", "32");
        Result r = run("enhance", "--input", dir.toString(), "--output", out.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("two.tif: the image has 2 bands"), r.err());
        assertTrue(r.err().contains("1 of 2 inputs failed"), r.err());
        assertEquals(List.of("a_aerolux.json", "a_enhanced.tif"), names(out), "no partial output for two.tif");
    }

    @Test
    void badInputsExitWith3AndLeaveNothing() throws Exception {
        Path out = tmp.resolve("out");
        Gdal.translate(SharedData.landsat(), tmp.resolve("two.tif"), "-b", "1", "-b", "2", "-srcwin", "0", "0", "32", "32");
        Result two = run("enhance", "--input", tmp.resolve("two.tif").toString(), "--output", out.toString());
        assertEquals(3, two.code(), two.err());
        assertEquals(1, two.err().lines().count(), two.err());
        assertTrue(two.err().startsWith("aerolux: " + tmp.resolve("two.tif") + ": the image has 2 bands"), two.err());
        assertTrue(two.err().contains("--bands"), two.err());
        Path bmp = tmp.resolve("x.bmp");
        Gdal.translate(SharedData.natural("gravel.png"), bmp, "-of", "BMP", "-srcwin", "0", "0", "16", "16");
        Result unsupported = run("enhance", "--input", bmp.toString(), "--output", out.toString());
        assertEquals(3, unsupported.code(), unsupported.err());
        assertEquals("aerolux: " + bmp + ": unsupported format: not a GeoTIFF, TIFF, PNG or JPEG file\n", unsupported.err());
        Result missing = run("enhance", "--input", tmp.resolve("nope.tif").toString(), "--output", out.toString());
        assertEquals(3, missing.code());
        assertEquals(List.of(), names(out));
        Result withBands = run("enhance", "--input", tmp.resolve("two.tif").toString(), "--output", out.toString(), "--bands", "1,1,2");
        assertEquals(0, withBands.code(), withBands.err());
    }

    @Test
    void usageAndModelErrors() throws Exception {
        Path in = sample("s.png", "lowlight.png", 16, 16), out = tmp.resolve("out");
        for (String[] extra : List.of(new String[] {"--mode", "fast"}, new String[] {"--tile", "100"}, new String[] {"--range", "5"},
                new String[] {"--gap-probe", "x"}, new String[] {"--blend", "soft"}, new String[] {"--device", "tpu"},
                new String[] {"--bands", "1,2"}, new String[] {"--memory", "lots"}, new String[] {"--batch", "0"},
                new String[] {"--gpu-mem-limit", "lots"}, new String[] {"--cudnn-search", "fast"})) {
            String[] args = Stream.concat(Stream.of("enhance", "--input", in.toString(), "--output", out.toString()), Stream.of(extra))
                    .toArray(String[]::new);
            Result r = run(args);
            assertEquals(2, r.code(), String.join(" ", extra) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
        Result noInput = run("enhance", "--output", out.toString());
        assertEquals(2, noInput.code());
        Result folderRef = run("enhance", "--input", tmp.toString(), "--output", out.toString(), "--reference", in.toString());
        assertEquals(2, folderRef.code(), folderRef.err());
        Result model = run("enhance", "--model", "nope", "--input", in.toString(), "--output", out.toString());
        assertEquals(4, model.code(), model.err());
        assertTrue(model.err().contains("unknown model 'nope'") && model.err().contains("cue-demo"), model.err());
        Result seg = run("enhance", "--model", SharedData.repo().resolve("models/test/conv3x3.onnx").toString(), "--device", "cpu",
                "--input", in.toString(), "--output", out.toString());
        assertEquals(4, seg.code(), seg.err());
        assertTrue(seg.err().contains("enhancement (CUE) model"), seg.err());
        Result gpu = run("enhance", "--device", "gpu", "--gpu-mem-limit", "1G", "--cudnn-search", "heuristic", "--input", in.toString(),
                "--output", out.toString());
        assertEquals(5, gpu.code(), gpu.err()); // no usable CUDA here (CPU jar, or -Pgpu without CUDA): a device error
        assertTrue(gpu.err().contains("--device gpu"), gpu.err());
        assertFalse(Files.exists(out.resolve("s_enhanced.png")));
    }

    private static List<String> names(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
