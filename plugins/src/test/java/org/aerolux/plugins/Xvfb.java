package org.aerolux.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An Xvfb X server on a free display, for tests of ImageJ with a real display. Starting it is part of the test:
 * when it cannot start, the test fails (it is never skipped).
 */
final class Xvfb implements AutoCloseable {
    private final Process process;
    private final int display;

    private Xvfb(Process process, int display) {
        this.process = process;
        this.display = display;
    }

    /** Starts Xvfb on the first free display from :90, 1280x1024x24, no TCP. */
    static Xvfb start() throws IOException, InterruptedException {
        for (int n = 90; n < 200; n++) {
            if (Files.exists(Path.of("/tmp/.X11-unix/X" + n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) continue;
            Process p;
            try {
                p = new ProcessBuilder("Xvfb", ":" + n, "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                throw new IOException("cannot start Xvfb (install it: bin/aerolux-setup): " + e.getMessage(), e);
            }
            long end = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < end && p.isAlive() && !Files.exists(Path.of("/tmp/.X11-unix/X" + n))) Thread.sleep(50);
            if (p.isAlive() && Files.exists(Path.of("/tmp/.X11-unix/X" + n))) return new Xvfb(p, n);
            p.destroy();
        }
        throw new IOException("no free X display for Xvfb between :90 and :199");
    }

    /** The DISPLAY value, e.g. ":90". */
    String display() { return ":" + display; }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
