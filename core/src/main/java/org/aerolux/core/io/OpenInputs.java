package org.aerolux.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JVM-wide registry of the input files that are open for reading, so that an output can refuse to replace one
 * of them ({@link AtomicOutput} checks it). Readers register on open and close the handle on close.
 */
public final class OpenInputs {
    private static final Map<Path, AtomicInteger> OPEN = new ConcurrentHashMap<>();

    private OpenInputs() {}

    /** A registration; closing it ends it. Closing twice is harmless. */
    public interface Handle extends AutoCloseable {
        @Override
        void close();
    }

    /** Records that {@code file} is open for reading until the returned handle is closed. */
    public static Handle register(Path file) {
        Path key = key(file);
        OPEN.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        return new Handle() {
            private boolean closed;

            @Override
            public synchronized void close() {
                if (closed) return;
                closed = true;
                OPEN.computeIfPresent(key, (k, n) -> n.decrementAndGet() == 0 ? null : n);
            }
        };
    }

    /** True when {@code file} is (the same file as) an input that is open now. */
    public static boolean isOpenInput(Path file) {
        if (OPEN.containsKey(key(file))) return true;
        if (!Files.exists(file)) return false;
        for (Path p : OPEN.keySet()) {
            try {
                if (Files.exists(p) && Files.isSameFile(p, file)) return true;
            } catch (IOException ignored) {
                // a file we cannot compare is not the same file
            }
        }
        return false;
    }

    private static Path key(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            return abs;
        }
    }
}
