package org.aerolux.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Small tmpfs mounts for fault tests (a full disk, a read-only folder). Needs root, as in CI and on the build
 * machine; a failed mount fails the test, never skips it.
 */
final class Mounts {
    private Mounts() {}

    /** Mounts a tmpfs of {@code size} (e.g. "2m") at {@code dir}, with extra options such as "ro". */
    static Path tmpfs(Path dir, String size, String... options) throws IOException {
        Files.createDirectories(dir);
        String opts = "size=" + size + (options.length == 0 ? "" : "," + String.join(",", options));
        exec(List.of("mount", "-t", "tmpfs", "-o", opts, "tmpfs", dir.toString()));
        return dir;
    }

    /** Unmounts (lazily, so an open file cannot keep it). */
    static void unmount(Path dir) throws IOException {
        exec(List.of("umount", "-l", dir.toString()));
    }

    private static void exec(List<String> cmd) throws IOException {
        try {
            org.aerolux.core.testing.Processes.Result r = org.aerolux.core.testing.Processes.run(cmd, null, java.time.Duration.ofSeconds(30));
            if (r.code() != 0)
                throw new IOException(String.join(" ", cmd) + " failed (root is needed): " + (r.out() + r.err()).trim());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + cmd, e);
        }
    }
}
