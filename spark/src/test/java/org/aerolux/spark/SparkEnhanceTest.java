package org.aerolux.spark;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aerolux.cli.AeroLuxCli;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** aerolux-spark enhance on local[2] with the committed CUE model: the CLI's enhanced images byte for byte, executor in the provenance. */
class SparkEnhanceTest {
    @TempDir
    Path tmp;

    @Test
    void threeScenesOnLocal2EqualTheCliByteForByteAndNameTheirExecutor() throws Exception {
        Path scenes = tmp.resolve("scenes"), cli = tmp.resolve("cli"), spark = tmp.resolve("spark");
        Scenes.write(scenes, 3, 96, 64);
        String model = SharedData.repo().resolve("models/cue-demo.onnx").toString();
        String[] common = {"--model", model, "--input", scenes.toString(), "--device", "cpu", "--threads", "1", "--memory", "2g", "--quiet"};
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = AeroLuxCli.run(concat(new String[] {"enhance", "--output", cli.toString()}, common), new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertEquals(0, code, out + "\n" + err);
        SparkSegmentTest.Run r = SparkSegmentTest.spark(concat(new String[] {"enhance", "--output", spark.toString(), "--master", "local[2]"}, common));
        assertEquals(0, r.code(), r.all());
        assertEquals(SparkSegmentTest.names(cli), SparkSegmentTest.names(spark));
        for (int i = 1; i <= 3; i++) {
            String stem = "scene" + i;
            assertArrayEquals(Files.readAllBytes(cli.resolve(stem + "_enhanced.tif")), Files.readAllBytes(spark.resolve(stem + "_enhanced.tif")),
                    stem + "_enhanced.tif byte for byte");
            JsonObject a = SparkSegmentTest.json(cli.resolve(stem + "_aerolux.json")), b = SparkSegmentTest.json(spark.resolve(stem + "_aerolux.json"));
            assertEquals("driver", b.getAsJsonObject("executor").get("id").getAsString());
            assertTrue(b.getAsJsonObject("invocation").get("line").getAsString().startsWith("aerolux-spark enhance --output "));
            for (String volatileField : List.of("started", "timings_s", "invocation", "executor")) {
                a.remove(volatileField);
                b.remove(volatileField);
            }
            assertEquals(a, b, stem + ": the same provenance apart from times, command line and executor");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
