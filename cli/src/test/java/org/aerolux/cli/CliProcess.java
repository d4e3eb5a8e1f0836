package org.aerolux.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The aerolux command line as a separate JVM on the test class path (a user's process, with its own signals and
 * environment): for cancel, kill and environment tests. stdout and stderr go to files beside the run.
 */
final class CliProcess {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private CliProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code aerolux args...}; logs go to {@code logs/NAME.out|.err}. */
    static CliProcess start(Path logs, String name, Map<String, String> env, String... args) throws IOException {
        return start(logs, name, List.of("-Xmx1g"), env, args);
    }

    /** As above, with these JVM options (e.g. a heap limit, a system property). */
    static CliProcess start(Path logs, String name, List<String> jvmOptions, Map<String, String> env, String... args) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-Daerolux.repo=" + org.aerolux.core.testing.SharedData.repo(), "-cp", cp, AeroLuxCli.class.getName()));
        cmd.addAll(List.of(args));
        Files.createDirectories(logs);
        Path out = logs.resolve(name + ".out"), err = logs.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        return new CliProcess(pb.start(), out, err);
    }

    long pid() { return process.pid(); }

    boolean isAlive() { return process.isAlive(); }

    /** Sends a POSIX signal (INT, KILL, ...) with kill(1). */
    void signal(String name) throws IOException, InterruptedException {
        Process k = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (k.waitFor() != 0) throw new IOException("kill -" + name + " failed");
    }

    /** Waits for the end; the exit code. */
    int waitFor(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("aerolux did not end within " + seconds + " s");
        }
        return process.exitValue();
    }

    String out() throws IOException { return Files.readString(stdout, StandardCharsets.UTF_8); }

    String err() throws IOException { return Files.readString(stderr, StandardCharsets.UTF_8); }
}
