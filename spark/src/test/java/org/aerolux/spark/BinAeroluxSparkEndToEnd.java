package org.aerolux.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.aerolux.core.testing.GdalInfo;
import org.aerolux.core.testing.PackagedJars;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher bin/aerolux-spark run as a user runs it (its own JVM, the packaged jar, target/lib and
 * target/lib-spark, the JVM options of spark/jvm.options). Runs in the integration-test phase, after packaging.
 */
class BinAeroluxSparkEndToEnd {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    @BeforeAll
    static void markJarCurrent() throws IOException { PackagedJars.markCurrent("spark"); }

    Run run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(SharedData.repo().resolve("bin/aerolux-spark").toString());
        cmd.addAll(List.of(args));
        org.aerolux.core.testing.Processes.Result r = org.aerolux.core.testing.Processes.run(cmd, tmp, java.time.Duration.ofSeconds(300));
        return new Run(r.code(), r.out(), r.err());
    }

    @Test
    void segmentTwoScenesOnLocal2FromAnotherFolderQuietlyAndItsExitCodes() throws Exception {
        Scenes.write(tmp.resolve("scenes"), 2, 96, 64);
        String model = SharedData.repo().resolve("models/farseg-demo.onnx").toString();
        Run ok = run("segment", "--model", model, "--input", "scenes", "--output", "out", "--tile", "64", "--overlap", "16",
                "--device", "cpu", "--master", "local[2]");
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("2 scenes on local[2,4] (parallelism 2): 2 done, 0 skipped, 0 failed"), ok.out());
        assertEquals(List.of("aerolux-spark: segmenting 2 scenes with " + model + " into " + tmp.resolve("out")), ok.err().lines().toList(),
                "nothing but our own line on stderr: Spark's logging is at WARN and had nothing to say");
        for (String stem : List.of("scene1", "scene2")) {
            GdalInfo in = GdalInfo.of(tmp.resolve("scenes/" + stem + ".tif")), labels = GdalInfo.of(tmp.resolve("out/" + stem + "_labels.tif"));
            assertEquals(32633, labels.epsg());
            assertArrayEquals(in.geoTransform(), labels.geoTransform(), 0.0);
            assertTrue(Files.readString(tmp.resolve("out/" + stem + "_aerolux.json")).contains("\"executor\": {\n    \"id\": \"driver\""));
        }
        Run missing = run("segment", "--model", "no-such-model", "--input", "scenes", "--output", "out");
        assertEquals(4, missing.code(), missing.out() + missing.err());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertTrue(missing.err().startsWith("aerolux-spark: "), missing.err());
    }
}
