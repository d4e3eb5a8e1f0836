package org.aerolux.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.aerolux.core.ExitCode;
import org.aerolux.core.pipeline.FaultInjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 on Spark's local mode: a worker thread's OutOfMemoryError inside a task is the scene's failure with exit
 * code 6 (never the executor JVM's end, which Spark would cause for an OutOfMemoryError it sees); another Error or a
 * RuntimeException fails the task and, after its attempts, the job with exit code 1. Each ends within seconds in
 * one line per problem and leaves no partial or temporary file.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WorkerFailuresSparkTest {
    @TempDir
    Path tmp;

    record Case(String fault, int code, String line) {}

    @Test
    void aFailingWorkerEndsTheJobWithItsCodeAndLeavesNothingPartial() throws Exception {
        Path scenes = tmp.resolve("scenes");
        Scenes.write(scenes, 1, 128, 160);
        Path scene = scenes.resolve("scene1.tif");
        String model = org.aerolux.core.testing.SharedData.repo().resolve("models/farseg-demo.onnx").toString();
        List<Case> cases = List.of(
                new Case("reader:oom", ExitCode.OUT_OF_MEMORY.code(), "aerolux-spark: " + scene + ": out of memory while reading and normalising input rows "),
                new Case("vectors:error", ExitCode.INTERNAL.code(), "aerolux-spark: the job failed: "),
                new Case("compress:runtime", ExitCode.INTERNAL.code(), "aerolux-spark: the job failed: "));
        for (Case c : cases) {
            Path out = tmp.resolve("out-" + c.fault().replace(':', '-'));
            System.setProperty(FaultInjection.PROPERTY, c.fault());
            SparkSegmentTest.Run r;
            try {
                List<String> args = new java.util.ArrayList<>(List.of("segment", "--input", scene.toString(), "--output", out.toString(),
                        "--model", model, "--outputs", "labels,probabilities,confidence,vectors", "--master", "local[1]", "--max-failures", "1"));
                args.addAll(List.of(SparkSegmentTest.MODEL_OPTIONS));
                r = SparkSegmentTest.spark(args.toArray(String[]::new));
            } finally {
                System.clearProperty(FaultInjection.PROPERTY);
            }
            assertEquals(c.code(), r.code(), c.fault() + "\n" + r.all());
            List<String> lines = r.err().strip().lines().filter(l -> l.startsWith("aerolux-spark:")).toList();
            assertTrue(lines.get(0).startsWith(c.line()), c.fault() + "\n" + r.err());
            if (c.code() == ExitCode.INTERNAL.code()) {
                assertEquals(1, lines.size(), c.fault() + ": one line\n" + r.err());
                assertTrue(lines.get(0).contains("injected " + c.fault().split(":")[1] + " in the " + c.fault().split(":")[0]), r.err());
            } else {
                assertTrue(lines.get(0).contains("give Java a larger heap, e.g. JAVA_OPTS=-Xmx"), r.err());
                assertEquals("aerolux-spark: 1 of 1 scenes failed; the others are done", lines.get(lines.size() - 1), r.err());
            }
            assertEquals(Set.of(), SparkSegmentTest.names(out), c.fault() + ": nothing half-written survives");
        }
    }
}
