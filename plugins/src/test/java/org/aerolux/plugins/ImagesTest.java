package org.aerolux.plugins;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Output names from image titles (which a macro or a file name sets freely) stay inside the save folder. */
class ImagesTest {
    @Test
    void stemsOfCraftedTitlesCannotLeaveTheSaveFolder() {
        Path save = Path.of("/data/save").toAbsolutePath();
        for (String title : new String[] {"../../etc/passwd", "/etc/cron.d/x.tif", "..\\..\\evil.tif", "C:\\Windows\\x.tif", "..", ".",
                "", "a/../../b.tif", "x.tif/..", "..."}) {
            String stem = Images.stem(title);
            assertFalse(stem.contains("/") || stem.contains("\\"), title + " -> " + stem);
            for (String suffix : new String[] {"_labels.tif", "_aerolux.json", "_enhanced.png"}) {
                Path out = save.resolve(stem + suffix).normalize();
                assertEquals(save, out.getParent(), title + " -> " + out);
            }
        }
        assertEquals("L7_ETMs", Images.stem("L7_ETMs.tif"));
        assertEquals(".._.._etc_passwd", Images.stem("../../etc/passwd"));
    }
}
