package org.aerolux.core.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a child process for a test with a watchdog (issue 22): stdout and stderr go to temporary files (so a full
 * pipe cannot block it and reading cannot wait for ever), stdin is empty, and a process still running after the
 * limit is destroyed (with its descendants) and fails the test.
 */
public final class Processes {
    private Processes() {}

    /** What a finished process gave. */
    public record Result(int code, String out, String err) {
        /** Everything, for assertion messages. */
        public String all() { return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err; }
    }

    /** Runs {@code cmd} in {@code dir} (null: the current one), waiting at most {@code limit}. */
    public static Result run(List<String> cmd, Path dir, Duration limit) throws IOException, InterruptedException {
        return run(new ProcessBuilder(cmd).directory(dir == null ? null : dir.toFile()), limit);
    }

    /** Runs a prepared builder (its environment and folder kept; its streams replaced), waiting at most {@code limit}. */
    public static Result run(ProcessBuilder pb, Duration limit) throws IOException, InterruptedException {
        Path out = Files.createTempFile("aerolux-test-", ".out"), err = Files.createTempFile("aerolux-test-", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", pb.command()) + " did not end within " + limit.toSeconds() + " s; killed\nstdout:\n"
                        + Files.readString(out, StandardCharsets.UTF_8) + "\nstderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            // the test's own timeout: leave nothing running behind it
            throw e;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
