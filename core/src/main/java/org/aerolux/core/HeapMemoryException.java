package org.aerolux.core;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The Java heap is too small for a run (exit code 6, {@link ExitCode#OUT_OF_MEMORY}): either a plan made before
 * starting does not fit ({@link #planDoesNotFit}), or the heap ran out during the run ({@link #of}). The message
 * names what was being done, the heap there is and a heap that would do, e.g. "out of memory while writing the
 * outputs of rows 0..383 (Java heap 1.0 GB); give Java a larger heap, e.g. JAVA_OPTS=-Xmx3g". Every
 * {@link OutOfMemoryError} of AeroLux becomes this exception in {@link #of}, the one place that maps it.
 */
public class HeapMemoryException extends AeroLuxException {
    public HeapMemoryException(Path file, String problem, Throwable cause) { super(ExitCode.OUT_OF_MEMORY, file, problem, cause); }

    /** The heap ran out while {@code doing} (e.g. "reading rows 0..511"); the suggested heap is twice this one. */
    public static HeapMemoryException of(String doing, OutOfMemoryError cause) { return of(null, doing, cause); }

    /** As {@link #of(String, OutOfMemoryError)}, about {@code file}. */
    public static HeapMemoryException of(Path file, String doing, OutOfMemoryError cause) {
        long heap = Runtime.getRuntime().maxMemory();
        return new HeapMemoryException(file, "out of memory while " + doing + " (Java heap " + human(heap) + "); give Java a"
                + " larger heap, e.g. JAVA_OPTS=-Xmx" + gigabytes(2 * heap) + "g", cause);
    }

    /**
     * The smallest plan for {@code doing} needs {@code needBytes} of heap, more than there is; said before anything
     * is read or written.
     */
    public static HeapMemoryException planDoesNotFit(String doing, long needBytes, long usableBytes, String smallestPlan) {
        long heap = Runtime.getRuntime().maxMemory();
        long suggest = Math.max(heap + (1L << 30), (long) ((needBytes + (heap - usableBytes)) * 1.25));
        return new HeapMemoryException(null, String.format(Locale.ROOT, "out of memory: %s needs about %s of Java heap even with %s,"
                + " and this Java has %s (%s usable); give Java a larger heap, e.g. JAVA_OPTS=-Xmx%dg", doing, human(needBytes),
                smallestPlan, human(heap), human(usableBytes), gigabytes(suggest)), null);
    }

    /**
     * The run failure for any throwable of a run: AeroLux's own errors as they are, an {@link OutOfMemoryError}
     * as a {@code HeapMemoryException} naming {@code doing}, any other runtime exception as it is; other
     * {@link Error}s are rethrown (a bug: exit 1).
     */
    public static RuntimeException asRunFailure(Throwable t, String doing) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof OutOfMemoryError oom) return of(doing, oom);
        if (t instanceof Error e) throw e;
        return new IllegalStateException(doing + ": " + t, t);
    }

    /** Whole gigabytes, rounded up, at least 1. */
    static long gigabytes(long bytes) { return Math.max(1, (bytes + (1L << 30) - 1) >> 30); }

    /** E.g. 1.0 GB, 350 MB. */
    public static String human(long bytes) {
        if (bytes >= 1L << 30) return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        return String.format(Locale.ROOT, "%d MB", bytes >> 20);
    }
}
