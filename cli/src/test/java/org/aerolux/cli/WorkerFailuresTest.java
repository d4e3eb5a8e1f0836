package org.aerolux.cli;

import static org.aerolux.cli.CliRun.list;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.aerolux.core.ExitCode;
import org.aerolux.core.model.Sha256;
import org.aerolux.core.pipeline.FaultInjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22: a failure of any worker thread (tile reader, output writer, the GeoTIFF compression on the fork-join
 * pool, the object vectorizer), whether an OutOfMemoryError, another Error or a RuntimeException, ends the run
 * within seconds with a documented exit code and one line, and leaves no output and no temporary file; a plan
 * that cannot fit the heap fails at once with exit code 6 in a real, small-heap JVM.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WorkerFailuresTest {
    private static final List<String> WORKERS = List.of("reader", "writer", "compress", "vectors");
    private static final String OUTPUTS = "labels,probabilities,confidence,vectors";

    @TempDir
    Path tmp;

    @Test
    void eachWorkersErrorOrExceptionEndsTheRunPromptlyWithItsCodeAndNothingPartial() throws Exception {
        Path model = CliRun.dominantModel(tmp.resolve("m"));
        Path in = FaultsTest.noise(tmp.resolve("in/scene.tif"), 256, 200); // tiles of 64: four tile rows
        String hash = Sha256.of(in);
        for (String worker : WORKERS) {
            for (String kind : List.of("oom", "error", "runtime")) {
                String what = worker + ":" + kind;
                Path out = tmp.resolve("out-" + worker + "-" + kind);
                System.setProperty(FaultInjection.PROPERTY, what);
                CliRun.Result r;
                try {
                    r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRun.run("segment", "--model", model.toString(),
                            "--input", in.toString(), "--output", out.toString(), "--device", "cpu", "--outputs", OUTPUTS, "--quiet"), what);
                } finally {
                    System.clearProperty(FaultInjection.PROPERTY);
                }
                int expected = kind.equals("oom") ? ExitCode.OUT_OF_MEMORY.code() : ExitCode.INTERNAL.code();
                assertEquals(expected, r.code(), what + "\n" + r.all());
                assertEquals(1, r.err().lines().count(), what + ": one line\n" + r.err());
                if (kind.equals("oom")) {
                    assertTrue(r.err().startsWith("aerolux: " + in + ": out of memory while "), what + "\n" + r.err());
                    assertTrue(r.err().contains("give Java a larger heap, e.g. JAVA_OPTS=-Xmx"), r.err());
                } else {
                    assertTrue(r.err().startsWith("aerolux: internal error: "), what + "\n" + r.err());
                    assertTrue(r.err().contains("injected " + kind + " in the " + worker), what + "\n" + r.err());
                }
                assertEquals(List.of(), Files.isDirectory(out) ? list(out) : List.of(), what + ": no output, no temporary file");
            }
        }
        assertEquals(hash, Sha256.of(in), "the input is untouched");
        // and the next run in the same JVM is not disturbed by the failed ones
        Path out = tmp.resolve("out-ok");
        CliRun.Result ok = CliRun.run("segment", "--model", model.toString(), "--input", in.toString(), "--output", out.toString(),
                "--device", "cpu", "--outputs", OUTPUTS, "--quiet");
        assertEquals(0, ok.code(), ok.all());
        assertEquals(List.of("scene_aerolux.json", "scene_confidence.tif", "scene_labels.tif", "scene_labels.tif.aux.xml",
                "scene_objects.geojson", "scene_probabilities.tif"), list(out).stream().map(p -> p.getFileName().toString()).sorted().toList());
    }

    @Test
    void enhancementWorkersFailTheSameWay() throws Exception {
        Path in = FaultsTest.noise(tmp.resolve("in/night.tif"), 200, 150);
        for (String what : List.of("reader:oom", "compress:oom", "reader:error", "compress:runtime")) {
            Path out = tmp.resolve("enhanced-" + what.replace(':', '-'));
            System.setProperty(FaultInjection.PROPERTY, what);
            CliRun.Result r;
            try {
                r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRun.run("enhance", "--input", in.toString(), "--output",
                        out.toString(), "--device", "cpu", "--quiet"), what);
            } finally {
                System.clearProperty(FaultInjection.PROPERTY);
            }
            boolean oom = what.endsWith(":oom");
            assertEquals(oom ? ExitCode.OUT_OF_MEMORY.code() : ExitCode.INTERNAL.code(), r.code(), what + "\n" + r.all());
            assertEquals(1, r.err().lines().count(), what + ": one line\n" + r.err());
            assertTrue(r.err().startsWith(oom ? "aerolux: " : "aerolux: internal error: "), what + "\n" + r.err());
            assertTrue(r.err().contains(oom ? "out of memory while " : "injected "), what + "\n" + r.err());
            assertEquals(List.of(), Files.isDirectory(out) ? list(out) : List.of(), what + ": no output, no temporary file");
        }
    }

    @Test
    void anOutOfMemoryErrorInTheReaderOfARealProcessEndsItWithCode6() throws Exception {
        Path model = CliRun.dominantModel(tmp.resolve("m"));
        Path in = FaultsTest.noise(tmp.resolve("in/scene.tif"), 256, 200);
        Path out = tmp.resolve("out");
        CliProcess p = CliProcess.start(tmp.resolve("logs"), "reader-oom", List.of("-Xmx512m", "-D" + FaultInjection.PROPERTY + "=reader:oom"),
                Map.of(), "segment", "--model", model.toString(), "--input", in.toString(), "--output", out.toString(), "--device", "cpu",
                "--outputs", OUTPUTS, "--quiet");
        assertEquals(ExitCode.OUT_OF_MEMORY.code(), p.waitFor(120), p.err());
        String err = withoutClassPathNoise(p.err());
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.matches("aerolux: .*scene\\.tif: out of memory while reading and normalising input rows \\d+\\.\\.\\d+ .*"
                + "\\(Java heap \\d+ MB\\); give Java a larger heap, e\\.g\\. JAVA_OPTS=-Xmx1g\\n"), err);
        assertEquals(List.of(), Files.isDirectory(out) ? list(out) : List.of(), "no output, no temporary file");
    }

    @Test
    void aPlanThatCannotFitTheHeapFailsAtOnceWithCode6AndWritesNothing() throws Exception {
        Path model = CliRun.dominantModel(tmp.resolve("m"));
        // 100000 px wide: one band of 64-pixel tiles, its blend ring and the output rows need far more than 96 MB
        Path in = FaultsTest.noise(tmp.resolve("in/wide.tif"), 100_000, 64);
        Path out = tmp.resolve("out");
        long t0 = System.nanoTime();
        CliProcess p = CliProcess.start(tmp.resolve("logs"), "plan", List.of("-Xmx96m"), Map.of(), "segment", "--model", model.toString(),
                "--input", in.toString(), "--output", out.toString(), "--device", "cpu", "--outputs", OUTPUTS, "--quiet");
        assertEquals(ExitCode.OUT_OF_MEMORY.code(), p.waitFor(120), p.err());
        double seconds = (System.nanoTime() - t0) / 1e9;
        String err = withoutClassPathNoise(p.err());
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("aerolux: " + in + ": out of memory: segmenting a 100000 x 64 image with outputs labels,"
                + " probabilities, confidence, vectors needs about "), err);
        assertTrue(err.contains("even with tiles of 64 px, 1 tile per call"), err);
        assertTrue(err.matches("(?s).*give Java a larger heap, e\\.g\\. JAVA_OPTS=-Xmx\\d+g\\n"), err);
        assertEquals(List.of(), Files.isDirectory(out) ? list(out) : List.of(), "no output, no temporary file");
        assertTrue(seconds < 60, "fails before reading tiles, not after minutes: " + seconds + " s");
    }

    /**
     * stderr without SLF4J's "no binding" notice, which only the test class path prints (geotools-wrapper's SLF4J 1
     * classes come first there; bin/aerolux orders the class path so that users never see it).
     */
    private static String withoutClassPathNoise(String err) {
        return err.lines().filter(l -> !l.startsWith("SLF4J: ")).map(l -> l + "\n").reduce("", String::concat);
    }
}
