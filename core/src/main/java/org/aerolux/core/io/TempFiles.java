package org.aerolux.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * JVM-wide registry of output files that are still being written. A shutdown hook deletes whatever is left,
 * so that Ctrl-C, a kill or a crash of the JVM leaves no half-written file behind.
 */
public final class TempFiles {
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
    /** The temporary names of {@link AtomicOutput}: {@code .NAME.PID-N.part}. */
    private static final Pattern TEMP_NAME = Pattern.compile("^\\..+\\.(\\d+)-\\d+\\.part$");
    private static volatile boolean hookInstalled;

    private TempFiles() {}

    /** Records a file that must not survive the JVM unless {@link #release(Path)} is called first. */
    public static void register(Path file) {
        installHook();
        PENDING.add(file.toAbsolutePath());
    }

    /** Forgets a file (it has been committed under its final name, or deleted). */
    public static void release(Path file) {
        PENDING.remove(file.toAbsolutePath());
    }

    /** The files currently registered (a snapshot, for tests and diagnostics). */
    public static List<Path> pending() {
        return List.copyOf(PENDING);
    }

    /** Deletes a file quietly, then forgets it; true when nothing is left at that path. */
    public static boolean deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            return false;
        } finally {
            release(file);
        }
        return true;
    }

    /**
     * Deletes the temporary files in a folder that a process on this machine left behind when it was killed
     * (kill -9, power loss: no shutdown hook ran): {@code .NAME.PID-N.part} files whose process is gone. Files of
     * live processes, and every other file, are left alone. Caveat: on a folder shared between machines, a PID
     * is only checked on this one.
     *
     * @return the files deleted
     */
    public static List<Path> removeAbandoned(Path dir) {
        List<Path> gone = new java.util.ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Matcher m = TEMP_NAME.matcher(p.getFileName().toString());
                if (!m.matches() || !Files.isRegularFile(p)) continue;
                long pid;
                try {
                    pid = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
                if (Files.deleteIfExists(p)) gone.add(p);
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover hidden file is untidy, not harmful
        }
        return gone;
    }

    private static void installHook() {
        if (hookInstalled) return;
        synchronized (TempFiles.class) {
            if (hookInstalled) return;
            Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::deleteAll, "aerolux-temp-cleanup"));
            hookInstalled = true;
        }
    }

    private static void deleteAll() {
        for (Path p : List.copyOf(PENDING)) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException | RuntimeException ignored) {
                // best effort while the JVM goes down
            }
        }
        PENDING.clear();
    }
}
