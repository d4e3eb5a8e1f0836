package org.aerolux.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import org.aerolux.core.pipeline.ProgressEvent;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void drawsFractionTilesElapsedAndEta() {
        ProgressEvent e = new ProgressEvent(31, 50, 2, Duration.ofSeconds(12), Optional.of(Duration.ofMillis(7400)));
        assertEquals("scene.tif [#################-----------]  62% 31/50 tiles (2 nodata), 0:12 elapsed, ETA 0:07",
                ProgressBar.line("scene.tif", e));
        assertEquals("1:01:05", ProgressBar.clock(Duration.ofSeconds(3665)));
        assertTrue(ProgressBar.line("x", new ProgressEvent(0, 4, 0, Duration.ZERO, Optional.empty())).endsWith("ETA ?"));
    }

    @Test
    void redrawsInPlaceAndEndsTheLine() {
        StringWriter s = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(s), "a");
        bar.onProgress(new ProgressEvent(1, 2, 0, Duration.ofSeconds(1), Optional.of(Duration.ofSeconds(1))));
        bar.onProgress(new ProgressEvent(2, 2, 0, Duration.ofSeconds(2), Optional.of(Duration.ZERO)));
        bar.end();
        String out = s.toString();
        assertTrue(out.startsWith("\ra ["), out);
        assertEquals(2, out.chars().filter(ch -> ch == '\r').count(), "the last tile is always drawn");
        assertTrue(out.endsWith(System.lineSeparator()), "the line is ended");
        assertTrue(out.contains("100% 2/2 tiles"), out);
    }

    @Test
    void noBarWhenQuiet() {
        assertFalse(ProgressBar.wanted(true));
        assertFalse(ProgressBar.wanted(false), "surefire's stderr is not a terminal");
    }
}
