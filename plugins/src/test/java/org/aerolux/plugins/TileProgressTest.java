package org.aerolux.plugins;

import static org.junit.jupiter.api.Assertions.*;

import ij.IJ;
import java.awt.event.KeyEvent;
import java.time.Duration;
import java.util.Optional;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.pipeline.ProgressEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tile progress text with its ETA, and Esc as a cancel, with ImageJ's own key state. */
class TileProgressTest {
    private static ProgressEvent event(long done, long total, Duration eta) {
        return new ProgressEvent(done, total, 0, Duration.ofSeconds(3), Optional.ofNullable(eta));
    }

    @AfterEach
    void forgetEscape() {
        IJ.resetEscape();
    }

    @Test
    void theStatusLineCountsTilesAndGivesTheTimeLeft() {
        assertEquals("AeroLux Segment (FarSeg): tile 12/40, about 35 s left; Esc cancels",
                TileProgress.status("AeroLux Segment (FarSeg)", "", event(12, 40, Duration.ofMillis(34_600))));
        assertEquals("AeroLux Batch: file 2/5 a.tif, tile 3/9, about 2 min 05 s left; Esc cancels",
                TileProgress.status("AeroLux Batch", "file 2/5 a.tif, ", event(3, 9, Duration.ofSeconds(125))));
        assertEquals("AeroLux Enhance (CUE): tile 0/4; Esc cancels", TileProgress.status("AeroLux Enhance (CUE)", "", event(0, 4, null)));
    }

    @Test
    void durationsReadNaturallyAtEachScale() {
        assertEquals("0 s", TileProgress.duration(Duration.ofSeconds(-5)));
        assertEquals("59 s", TileProgress.duration(Duration.ofMillis(59_400)));
        assertEquals("1 min 00 s", TileProgress.duration(Duration.ofMillis(59_600)));
        assertEquals("59 min 59 s", TileProgress.duration(Duration.ofSeconds(3599)));
        assertEquals("1 h 02 min", TileProgress.duration(Duration.ofSeconds(3725)));
    }

    @Test
    void escapeCancelsAfterATileAndIsForgottenAtTheNextStart() {
        Cancellation cancel = TileProgress.start();
        TileProgress progress = new TileProgress("AeroLux Segment (FarSeg)", cancel, "");
        progress.onProgress(event(1, 4, Duration.ofSeconds(9)));
        assertFalse(cancel.isCancelled());
        IJ.setKeyDown(KeyEvent.VK_ESCAPE);
        progress.onProgress(event(2, 4, Duration.ofSeconds(6)));
        assertTrue(cancel.isCancelled());
        assertFalse(TileProgress.start().isCancelled());
        assertFalse(IJ.escapePressed(), "an Esc before the run does not cancel it");
    }
}
