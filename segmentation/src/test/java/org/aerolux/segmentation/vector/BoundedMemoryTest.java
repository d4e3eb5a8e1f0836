package org.aerolux.segmentation.vector;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 4000 x 4000 label image with 62,501 objects streamed through {@link ObjectVectorizer} in a child JVM whose heap
 * (-Xmx40m) could not hold the objects' outlines at once; only the open ones (a row of cells) are kept.
 */
class BoundedMemoryTest {
    @TempDir
    Path tmp;

    @Test
    void bigImageInASmallHeap() throws IOException, InterruptedException {
        int n = 4000;
        Path out = tmp.resolve("big.geojson");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx40m", "-XX:+UseSerialGC", "-cp", cp,
                CheckerVectorizeMain.class.getName(), String.valueOf(n), "100", out.toString())
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finishes");
        assertEquals(0, p.exitValue(), text);
        String line = text.lines().filter(l -> l.startsWith("objects=")).findFirst().orElseThrow(() -> new AssertionError(text));
        long expected = CheckerVectorizeMain.expectedObjects(n);
        assertTrue(line.contains("objects=" + expected + " "), line);
        assertTrue(line.contains("frame=1 "), "the U along three edges is one object: " + line);
        int peak = Integer.parseInt(line.replaceAll(".*peakOpen=(\\d+).*", "$1"));
        // a row of cells, plus the two arms of the U, which are two objects until the last row joins them
        assertEquals(n / CheckerVectorizeMain.CELL + 2, peak, "open objects: " + line);
        assertTrue(Files.size(out) > 40L * expected, "the file holds every feature");
        // the frame: the last feature written, since it closes only with the last row
        String last = lastFeatureLine(out);
        assertTrue(last.contains("\"class\":4"), last);
        assertTrue(last.contains("\"pixels\":" + (3L * n - 2)), last);
        assertTrue(last.contains("\"area_m2\":" + (3L * n - 2) * 4), last);
        List<String> leftovers;
        try (var s = Files.list(tmp)) {
            leftovers = s.map(Path::getFileName).map(Path::toString).filter(f -> !f.equals("big.geojson")).toList();
        }
        assertEquals(List.of(), leftovers);
        assertTrue(cp.contains(File.pathSeparator) || cp.endsWith(".jar"));
    }

    private static String lastFeatureLine(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith("{\"type\":\"Feature\"") || l.startsWith(",\n{") || l.contains("\"type\":\"Feature\""))
                    .reduce((a, b) -> b).orElseThrow();
        }
    }
}
