package org.aerolux.plugins;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.aerolux.core.model.ModelRegistry;
import org.aerolux.core.model.Sha256;
import org.aerolux.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AeroLux Models and AeroLux System Check in headless ImageJ. */
class ModelsHeadlessIT {
    @Test
    void listsTheBundledRegistryWithVerifiedDigests() {
        String log = HeadlessFiji.run("run(\"AeroLux Models\");");
        Path folder = HeadlessFiji.bundle().resolve("models").resolve("aerolux");
        assertTrue(log.contains("AeroLux Models: " + folder.resolve("registry.json")), log);
        for (var e : ModelRegistry.load(folder.resolve("registry.json")).entries())
            assertTrue(log.lines().anyMatch(l -> l.contains(e.name()) && l.contains("sha256 verified")), e.name() + "\n" + log);
    }

    @Test
    void installsAModelIntoTheModelsFolderAfterCheckingItsDigest(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("Fiji.app").resolve("models").resolve("aerolux");
        Path model = Files.copy(TestModels.conv3x3(), dir.resolve("conv.onnx"));
        System.setProperty("aerolux.models", folder.toString());
        try {
            String bad = HeadlessFiji.run("run(\"AeroLux Models\", \"install=[" + model + "] sha256=" + "ab".repeat(32) + "\");");
            assertTrue(bad.contains("AeroLux Models: ") && bad.contains("differs from the expected"), bad);
            assertFalse(Files.exists(folder.resolve("conv.onnx")));

            String ok = HeadlessFiji.run("run(\"AeroLux Models\", \"install=[" + model + "] sha256=" + Sha256.of(model) + "\");");
            assertTrue(ok.contains("installed") && ok.contains("sha256 verified against the given digest"), ok);
            ModelRegistry r = ModelRegistry.load(folder.resolve("registry.json"));
            assertEquals(1, r.entries().size());
            assertEquals(ModelRegistry.Status.VERIFIED, r.status(r.entries().get(0)));
            assertTrue(ok.lines().anyMatch(l -> l.contains(r.entries().get(0).name()) && l.contains("sha256 verified")), ok);
        } finally {
            System.clearProperty("aerolux.models");
        }
    }

    @Test
    void systemCheckReportsJavaOnnxRuntimeAndCuda() {
        String log = HeadlessFiji.run("run(\"AeroLux System Check\");");
        assertTrue(log.contains("Java " + System.getProperty("java.version")), log);
        // the version of the bundled ONNX Runtime jar (the test JVM must not load ONNX Runtime itself: see ReferenceRuns)
        String jar = java.util.Arrays.stream(HeadlessFiji.bundle().resolve("jars").toFile().list()).filter(n -> n.startsWith("onnxruntime-1"))
                .findFirst().orElseThrow();
        assertTrue(log.contains("ONNX Runtime " + jar.substring("onnxruntime-".length(), jar.length() - 4) + " via DJL"), log);
        assertTrue(log.contains("CPU threads: " + Runtime.getRuntime().availableProcessors()), log);
        assertTrue(log.contains("CUDA: no - this ONNX Runtime build has no CUDA execution provider")
                || log.contains("CUDA: yes") || log.contains("CUDA: no - the CUDA execution provider is listed"), log);
        assertTrue(log.contains("GPUs: "), log);
    }
}
