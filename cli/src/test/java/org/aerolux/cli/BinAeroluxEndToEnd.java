package org.aerolux.cli;

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
import org.aerolux.core.testing.TestModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed launcher, bin/aerolux, run as a user runs it (a separate JVM from the packaged jar). Runs in the
 * integration-test phase, after the jar and its libraries are packaged (see cli/pom.xml).
 */
class BinAeroluxEndToEnd {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    @BeforeAll
    static void markJarCurrent() throws IOException { PackagedJars.markCurrent("cli"); }

    static Run run(Path cwd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(SharedData.repo().resolve("bin/aerolux").toString());
        cmd.addAll(List.of(args));
        org.aerolux.core.testing.Processes.Result r = org.aerolux.core.testing.Processes.run(cmd, cwd, java.time.Duration.ofSeconds(300));
        return new Run(r.code(), r.out(), r.err());
    }

    @Test
    void segmentFromAnotherFolderAndItsExitCodes() throws Exception {
        Run ok = run(tmp, "segment", "--model", TestModels.conv3x3().toString(), "--input", SharedData.landsat().toString(),
                "--output", "out", "--bands", "3,2,1", "--device", "cpu");
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().startsWith("L7_ETMs.tif: 64 tiles (0 nodata) on cpu"), ok.out());
        assertFalse(ok.err().contains("\r"), "no progress bar when stderr is not a terminal");
        assertFalse(ok.err().contains("SLF4J"), "no logging-library noise: " + ok.err());
        GdalInfo labels = GdalInfo.of(tmp.resolve("out/L7_ETMs_labels.tif"));
        assertEquals(31985, labels.epsg());
        assertArrayEquals(GdalInfo.of(SharedData.landsat()).geoTransform(), labels.geoTransform(), 0.0);
        assertTrue(Files.isRegularFile(tmp.resolve("out/L7_ETMs_aerolux.json")));

        Run missing = run(tmp, "segment", "--model", TestModels.conv3x3().toString(), "--input", "nope.tif", "--output", "out");
        assertEquals(3, missing.code());
        assertEquals("aerolux: nope.tif: input not found\n", missing.err());
        Run model = run(tmp, "segment", "--model", "no-such-model", "--input", SharedData.landsat().toString(), "--output", "out");
        assertEquals(4, model.code());
        assertEquals(1, model.err().lines().count(), model.err());
        Run models = run(tmp, "models");
        assertEquals(0, models.code(), models.err());
        assertTrue(models.out().startsWith("Registry: " + SharedData.repo().resolve("models/registry.json")), models.out());
    }
}
