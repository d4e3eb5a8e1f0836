package org.aerolux.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JVM-wide registry of output files that are still being written. A shutdown hook deletes whatever is left,
 * so that Ctrl-C, a kill or a crash of the JVM leaves no half-written file behind.
 */
public final class TempFiles {
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
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
