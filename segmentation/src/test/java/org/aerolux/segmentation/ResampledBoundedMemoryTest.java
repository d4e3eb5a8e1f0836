package org.aerolux.segmentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.aerolux.core.testing.GdalInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resampled runs stream in bounded memory: a 4000 x 4000 input at 0.15 m (model grid 2000 x 2000; the input alone
 * takes 192 MB as floats) and a 1500 x 3000 input at 0.6 m (model grid 3000 x 6000, whose probabilities alone would
 * take 216 MB as floats) are segmented in child JVMs with a 128 MB heap (what the plain path needs for rows of that
 * width); the outputs have the input's size and grid.
 */
class ResampledBoundedMemoryTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void bothDirectionsRunUnderASmallHeap() throws Exception {
        check(4000, 4000, 0.15, "resampled_0.15_->_0.3_m_(factor_0.5)");
        check(1500, 3000, 0.6, "resampled_0.6_->_0.3_m_(factor_2)");
    }

    private void check(int w, int h, double gsd, String expected) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("n" + w));
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-Dai.djl.offline=true", "-cp", cp,
                ResampledRunMain.class.getName(), dir.toString(), String.valueOf(w), String.valueOf(h), String.valueOf(gsd)).redirectErrorStream(true).start();
        byte[] bytes;
        try (var s = p.getInputStream()) {
            bytes = s.readAllBytes();
        }
        boolean done = p.waitFor(280, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(done, "finishes: " + text);
        assertEquals(0, p.exitValue(), text);
        String line = text.lines().filter(l -> l.startsWith("resolution=")).findFirst().orElseThrow(() -> new AssertionError(text));
        System.out.println(w + " x " + h + " px at " + gsd + " m: " + line);
        assertTrue(line.contains("resolution=" + expected + " "), line);
        for (String o : new String[] {"labels", "confidence"}) {
            GdalInfo g = GdalInfo.of(dir.resolve("out/big_" + o + ".tif"));
            assertEquals(w, g.width());
            assertEquals(h, g.height());
            assertArrayEquals(new double[] {500000, gsd, 0, 5000000, 0, -gsd}, g.geoTransform(), 0.0);
        }
    }
}
