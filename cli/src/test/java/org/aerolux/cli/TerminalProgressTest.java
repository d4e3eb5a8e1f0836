package org.aerolux.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import org.aerolux.core.pipeline.ProgressEvent;
import org.junit.jupiter.api.Test;

/** The status line: phase, tile bar, ETA and elapsed time, redrawn in place and cleared at the end. */
class TerminalProgressTest {
    @Test
    void drawsPhaseTilesAndTimeInPlace() {
        StringWriter sw = new StringWriter();
        try (TerminalProgress p = new TerminalProgress(new PrintWriter(sw, true))) {
            p.file("scene.tif");
            p.phase("tiles");
            p.progress(new ProgressEvent(3, 12, 0, Duration.ofSeconds(30), Optional.of(Duration.ofSeconds(90))));
        }
        String s = sw.toString();
        assertTrue(s.contains("\rscene.tif: tiles, 0:00 elapsed"), s);
        assertTrue(s.contains("scene.tif: tiles [######------------------] 3/12 tiles, ETA 1:30, 0:00 elapsed"), s);
        assertTrue(s.endsWith("\r"), "the line is cleared at the end");
        assertEquals("1:01:05", TerminalProgress.clock(3665));
    }
}
