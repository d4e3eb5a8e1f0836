package org.aerolux.core.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a killed run left behind is removed; the temporaries of live processes and every other file stay. */
class AbandonedTempFilesTest {
    @TempDir
    Path dir;

    @Test
    void removesOnlyTemporariesOfProcessesThatAreGone() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Process alive = new ProcessBuilder("sleep", "60").start();
        try {
            Path dead = Files.writeString(dir.resolve(".a_labels.tif." + ended.pid() + "-3.part"), "half");
            Path mine = Files.writeString(dir.resolve(".a_confidence.tif." + ProcessHandle.current().pid() + "-4.part"), "writing");
            Path other = Files.writeString(dir.resolve(".b_labels.tif." + alive.pid() + "-1.part"), "writing");
            Path keep1 = Files.writeString(dir.resolve(".hidden.tif"), "x");
            Path keep2 = Files.writeString(dir.resolve("c.tif.123-1.part"), "not hidden: not ours");
            Path keep3 = Files.writeString(dir.resolve("a_labels.tif"), "done");
            assertEquals(List.of(dead), TempFiles.removeAbandoned(dir));
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(List.of(mine, other, keep1, keep2, keep3).stream().sorted().toList(), s.sorted().toList());
            }
        } finally {
            alive.destroy();
        }
    }
}
