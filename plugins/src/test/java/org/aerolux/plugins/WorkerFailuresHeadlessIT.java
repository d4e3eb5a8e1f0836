package org.aerolux.plugins;

import static org.aerolux.plugins.HeadlessFiji.q;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.aerolux.core.pipeline.FaultInjection;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.GeoTiffSink;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.Rasters;
import org.aerolux.core.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 in headless ImageJ macros: a worker thread's OutOfMemoryError, Error or RuntimeException (injected with
 * the test-only hook) stops the macro promptly (the line after the command never runs), reports in the Log, the
 * out-of-memory case in one line with Fiji's memory setting, and saves no file, partial or temporary.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WorkerFailuresHeadlessIT {
    private static final String SEGMENT = "AeroLux Segment (FarSeg)", BATCH = "AeroLux Batch";

    @TempDir
    Path dir;

    record Case(String fault, String command, boolean batch, String line) {}

    @Test
    void aFailingWorkerStopsTheMacroWithOneLineAndSavesNothing() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path scene = raster(in.resolve("scene.tif"));
        Path model = TestSegModel.in(dir.resolve("model"));
        List<Case> cases = List.of(
                new Case("reader:oom", SEGMENT, false, SEGMENT + ": out of memory while reading and normalising input rows "),
                new Case("writer:oom", BATCH, true, BATCH + ": " + scene + ": out of memory while writing the outputs of rows "),
                new Case("vectors:error", SEGMENT, false, SEGMENT + ": internal error: "),
                new Case("compress:runtime", BATCH, true, BATCH + ": internal error: "));
        for (Case c : cases) {
            Path save = dir.resolve("save-" + c.fault().replace(':', '-')), after = dir.resolve("after.txt");
            String macro = c.batch()
                    ? "run(\"" + BATCH + "\", \"task=segment input=[" + in + "] output=[" + save + "] model=[" + model
                            + "] device=cpu labels probabilities confidence vectors\");\n"
                    : "run(\"AeroLux Import GeoTIFF\", \"path=[" + scene + "]\");\n"
                            + "run(\"" + SEGMENT + "\", \"model=[" + model + "] bands=1,2,3 tile=64 overlap=16 device=cpu labels probabilities"
                            + " confidence vectors save=[" + save + "]\");\n";
            System.setProperty(FaultInjection.PROPERTY, c.fault());
            String log;
            try {
                log = HeadlessFiji.run(macro + "File.append(\"after\", " + q(after) + ");");
            } finally {
                System.clearProperty(FaultInjection.PROPERTY);
            }
            assertFalse(Files.exists(after), c.fault() + ": the macro stops\n" + log);
            List<String> lines = log.lines().filter(l -> l.startsWith(c.command() + ": ") && !l.contains("internal error, please report")).toList();
            assertEquals(1, lines.size(), c.fault() + ": one line\n" + log);
            assertTrue(lines.get(0).startsWith(c.line()), c.fault() + "\n" + lines.get(0));
            if (c.fault().endsWith(":oom")) {
                assertTrue(lines.get(0).matches(".*give Fiji more memory in Edit > Options > Memory & Threads \\(e\\.g\\. \\d+ GB\\)"), lines.get(0));
                assertFalse(log.contains("\tat "), c.fault() + ": out of memory is the user's to fix, no stack trace\n" + log);
            }
            assertEquals(List.of(), Files.isDirectory(save) ? list(save) : List.of(), c.fault() + ": nothing saved, no temporary file");
        }
    }

    /** A georeferenced 3-band image of four rows of 64-pixel tiles. */
    private static Path raster(Path file) {
        Georeference g = Georeference.of(Rasters.crs(32633), new Affine(500000, 0.5, 0, 4000000, 0, -0.5));
        try (GeoTiffSink s = GeoTiffSink.builder(file, 200, 200, 3, DataType.UINT8).georeference(g).build()) {
            TestImages.stream(s, 200, 200, 3, 16, (x, y, b) -> (x * 7 + y * 13 + b * 101) % 256);
            s.commit();
        }
        return file;
    }

    private static List<String> list(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
