package org.aerolux.core.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.aerolux.core.ExitCode;
import org.aerolux.core.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
    @TempDir
    Path tmp;

    @Test
    void smallOutputAppearsWhole() throws IOException {
        Path target = tmp.resolve("report.json");
        AtomicOutput.write(target, os -> os.write("{\"ok\":true}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("{\"ok\":true}", Files.readString(target));
        assertEquals(List.of(target), list());
    }

    @Test
    void failedWriteKeepsTheOldOutputAndLeavesNoTemporaryFile() throws IOException {
        Path target = Files.writeString(tmp.resolve("report.json"), "old");
        UsageException e = assertThrows(UsageException.class, () -> AtomicOutput.write(target, os -> {
            os.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith(target.toAbsolutePath().toString()) || e.getMessage().startsWith(target.toString()));
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), list());
    }

    @Test
    void closeWithoutCommitRemovesEverything() throws IOException {
        Path target = tmp.resolve("x.png");
        try (AtomicOutput out = AtomicOutput.create(target)) {
            Files.writeString(out.temp(), "partial");
            assertTrue(out.temp().getFileName().toString().startsWith(".x.png."), "hidden, beside the target");
            assertEquals(tmp, out.temp().getParent());
            assertTrue(TempFiles.pending().contains(out.temp()));
        }
        assertEquals(List.of(), list());
        assertTrue(TempFiles.pending().stream().noneMatch(p -> p.getParent().equals(tmp)));
    }

    @Test
    void refusesToReplaceAnOpenInput() throws IOException {
        Path input = Files.writeString(tmp.resolve("in.tif"), "input bytes");
        try (OpenInputs.Handle h = OpenInputs.register(input)) {
            UsageException e = assertThrows(UsageException.class, () -> AtomicOutput.create(tmp.resolve("sub/../in.tif")));
            assertTrue(e.getMessage().contains("refusing to overwrite an input file"), e.getMessage());
            Path link = Files.createSymbolicLink(tmp.resolve("link.tif"), input);
            assertThrows(UsageException.class, () -> AtomicOutput.create(link));
        }
        assertEquals("input bytes", Files.readString(input));
        AtomicOutput.write(input, os -> os.write(1)); // no longer open: allowed
        assertEquals(1, Files.size(input));
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void interruptedJvmLeavesNoPartialFile() throws Exception { // a separate thread: a blocked readLine cannot hold the suite
        Path target = tmp.resolve("big.tif");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldOpenOutput.class.getName(), target.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = r.readLine();
            assertNotNull(line, "child started");
            assertTrue(line.startsWith("READY "), line);
            Path temp = Path.of(line.substring(6));
            assertTrue(Files.exists(temp));
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
            assertEquals(0, kill.waitFor());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child ends on SIGINT");
            assertEquals(130, p.exitValue(), "the JVM's exit status for SIGINT");
            assertFalse(Files.exists(temp), "shutdown hook removed the temporary file");
            assertEquals(List.of(), list());
        } finally {
            p.destroyForcibly();
        }
    }

    private List<Path> list() throws IOException {
        try (var s = Files.list(tmp)) {
            return s.sorted().toList();
        }
    }
}
