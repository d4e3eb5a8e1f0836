package org.aerolux.cli;

import static org.aerolux.cli.CliRun.list;
import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.aerolux.core.model.Sha256;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.GeoTiffSink;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.Rasters;
import org.aerolux.core.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults around a run: a full disk (a 2 MB tmpfs, root needed), SIGINT and kill -9 to a separate aerolux process,
 * and a strict GPU request on a machine without CUDA. Each leaves no partial file and the inputs untouched.
 */
class FaultsTest {
    @TempDir
    Path tmp;

    /** A w x h 3-band uint8 GeoTIFF of noise (it compresses badly, so outputs are large). */
    static Path noise(Path file, int w, int h) throws IOException {
        Files.createDirectories(file.getParent());
        Georeference g = Georeference.of(Rasters.crs(32633), new Affine(500000, 0.5, 0, 4000000, 0, -0.5));
        try (GeoTiffSink s = GeoTiffSink.builder(file, w, h, 3, DataType.UINT8).georeference(g).build()) {
            TestImages.stream(s, w, h, 3, 64, (x, y, b) -> (((x * 73856093L) ^ (y * 19349663L) ^ (b * 83492791L)) >>> 3) % 251);
            s.commit();
        }
        return file;
    }

    @Test
    void aFullDiskFailsCleanlyWithOneLineAndNoPartialFile() throws Exception {
        Path model = CliRun.dominantModel(tmp.resolve("m"));
        Path in = noise(tmp.resolve("in/scene.tif"), 768, 768);
        String hash = Sha256.of(in);
        Path full = Mounts.tmpfs(tmp.resolve("full"), "2m");
        try {
            CliRun.Result r = CliRun.run("segment", "--model", model.toString(), "--input", in.toString(), "--output", full.toString(),
                    "--device", "cpu", "--outputs", "labels,probabilities,confidence,entropy", "--quiet");
            assertEquals(2, r.code(), r.all());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("aerolux: " + full.resolve("scene_")), "names the output it could not write: " + r.err());
            assertTrue(r.err().contains("No space left on device"), r.err());
            assertFalse(r.err().matches("(?s).*\\b\\w+(Exception|Error)\\b.*"), "no class names: " + r.err());
            assertEquals(List.of(), list(full), "no partial output, no temporary file");
            assertEquals(hash, Sha256.of(in));
        } finally {
            Mounts.unmount(full);
        }
    }

    @Test
    void sigintMidRunExits130AndLeavesNoPartialFile() throws Exception {
        Path model = CliRun.dominantModel(tmp.resolve("m"));
        Path in = noise(tmp.resolve("in/big.tif"), 2048, 2048);
        String hash = Sha256.of(in);
        Path out = tmp.resolve("out");
        CliProcess p = CliProcess.start(tmp.resolve("logs"), "sigint", Map.of(), "segment", "--model", model.toString(), "--input",
                in.toString(), "--output", out.toString(), "--device", "cpu", "--threads", "1",
                "--outputs", "labels,probabilities,confidence,entropy");
        waitUntil(() -> list(out).stream().anyMatch(f -> f.getFileName().toString().endsWith(".part")), 120, p);
        Thread.sleep(500);
        assertTrue(p.isAlive(), "still running when interrupted");
        p.signal("INT");
        assertEquals(130, p.waitFor(60), p.err());
        assertTrue(p.err().contains("aerolux: interrupted; unfinished outputs were removed"), p.err());
        assertEquals(List.of(), list(out), "no partial output, no temporary file");
        assertEquals(hash, Sha256.of(in));
    }

    @Test
    void killDuringAFolderRunThenRerunKeepsFinishedOutputsAndRedoesTheRest() throws Exception {
        Path model = CliRun.dominantModel(tmp.resolve("m"));
        Path in = tmp.resolve("in");
        List<String> stems = List.of("a", "b", "c", "d");
        for (String s : stems) noise(in.resolve(s + ".tif"), 1024, 1024);
        Path out = tmp.resolve("out");
        String[] args = {"segment", "--model", model.toString(), "--input", in.toString(), "--output", out.toString(), "--device", "cpu",
                "--threads", "1"};
        CliProcess first = CliProcess.start(tmp.resolve("logs"), "killed", Map.of(), args);
        // kill while b is being written: a is done, b has temporary files
        waitUntil(() -> Files.exists(out.resolve("a_aerolux.json"))
                && list(out).stream().anyMatch(f -> f.getFileName().toString().matches("\\.b_.*\\.part")), 180, first);
        Thread.sleep(200);
        first.signal("KILL");
        assertEquals(137, first.waitFor(30));
        Map<Path, FileTime> finished = new HashMap<>();
        Map<Path, String> finishedBytes = new HashMap<>();
        for (Path f : list(out))
            if (!f.getFileName().toString().startsWith(".")) {
                finished.put(f, Files.getLastModifiedTime(f));
                finishedBytes.put(f, Sha256.of(f));
            }
        List<String> done = stems.stream().filter(s -> Files.exists(out.resolve(s + "_aerolux.json"))).toList();
        assertTrue(done.contains("a") && done.size() < stems.size(), "killed mid-batch: done " + done);
        assertTrue(list(out).stream().anyMatch(f -> f.getFileName().toString().endsWith(".part")),
                "kill -9 runs no cleanup, so a half-written file was left: " + list(out));

        CliRun.Result second = CliRun.run(args);
        assertEquals(0, second.code(), second.all());
        for (String s : stems) {
            String line = second.out().lines().filter(l -> l.contains("] " + s + ".tif: ")).findFirst().orElseThrow();
            if (done.contains(s)) assertTrue(line.endsWith("skipped, its outputs exist (use --overwrite to redo it)"), line);
            else assertTrue(line.contains(" tiles "), "redone: " + line);
        }
        finished.forEach((f, t) -> {
            try {
                assertEquals(t, Files.getLastModifiedTime(f), "kept as it was: " + f);
                assertEquals(finishedBytes.get(f), Sha256.of(f), "not rewritten: " + f);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        for (String s : stems) {
            JsonObject prov = JsonParser.parseString(Files.readString(out.resolve(s + "_aerolux.json"))).getAsJsonObject();
            assertEquals(s + ".tif", prov.getAsJsonObject("input").get("file_name").getAsString());
            assertTrue(Files.isRegularFile(out.resolve(s + "_labels.tif")) && Files.isRegularFile(out.resolve(s + "_confidence.tif")));
        }
        assertTrue(list(out).stream().noneMatch(f -> f.getFileName().toString().startsWith(".")),
                "the killed run's temporary files are gone: " + list(out));
    }

    @Test
    void gpuWithoutCudaIsExit5AndAutoSaysItFellBackInTheProvenance() throws Exception {
        Path model = CliRun.dominantModel(tmp.resolve("m"));
        Path in = noise(tmp.resolve("in/s.tif"), 40, 40);
        Path out = tmp.resolve("out");
        for (String device : List.of("gpu", "gpu:1")) {
            CliRun.Result gpu = CliRun.run("segment", "--model", model.toString(), "--input", in.toString(), "--output", out.toString(),
                    "--device", device);
            assertEquals(5, gpu.code(), gpu.all());
            assertEquals(1, gpu.err().lines().count(), gpu.err());
            assertTrue(gpu.err().startsWith("aerolux: " + model + ": --device " + device + ": CUDA"), gpu.err());
            assertEquals(List.of(), list(out));
        }
        CliRun.Result auto = CliRun.run("segment", "--model", model.toString(), "--input", in.toString(), "--output", out.toString(),
                "--device", "auto", "--quiet");
        assertEquals(0, auto.code(), auto.all());
        JsonObject device = JsonParser.parseString(Files.readString(out.resolve("s_aerolux.json"))).getAsJsonObject()
                .getAsJsonObject("device");
        assertEquals("cpu", device.get("used").getAsString());
        String reason = device.get("reason").getAsString();
        assertTrue(reason.startsWith("auto: ") && reason.contains("CUDA") && reason.endsWith("running on CPU"), reason);
    }

    /** Polls a condition; fails when the process ends first or time runs out. */
    static void waitUntil(BooleanSupplier condition, int seconds, CliProcess p) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (!p.isAlive()) throw new AssertionError("aerolux ended before the moment to interrupt it:\n" + p.out() + p.err());
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting; stderr: " + p.err());
            Thread.sleep(20);
        }
    }
}
