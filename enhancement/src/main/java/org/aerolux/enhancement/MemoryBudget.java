package org.aerolux.enhancement;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.aerolux.core.ByteSize;
import org.aerolux.core.UsageException;

/**
 * How much memory one enhancement may use: ONNX Runtime's activations (native memory, outside the Java heap)
 * plus the pipeline's buffers (in the heap). The default is half of the memory the system reports as available
 * now ({@code MemAvailable} of /proc/meminfo, which counts reclaimable cache; elsewhere the free physical memory),
 * leaving the rest to the operating system, other programs and estimation error.
 *
 * @param bytes  the budget
 * @param source how it was set, for provenance
 */
public record MemoryBudget(long bytes, String source) {
    /** Share of the available memory the default budget takes. */
    public static final double DEFAULT_SHARE = 0.5;

    public MemoryBudget {
        if (bytes <= 0) throw new UsageException(null, "the memory budget must be positive, got " + bytes + " bytes");
    }

    /** A budget the user set. */
    public static MemoryBudget of(long bytes) { return new MemoryBudget(bytes, "given"); }

    /** Half of the memory available now. */
    public static MemoryBudget fromSystem() {
        long available = memAvailable();
        String how = "MemAvailable";
        if (available <= 0) {
            available = freePhysical();
            how = "free physical memory";
        }
        if (available <= 0) {
            available = Runtime.getRuntime().maxMemory();
            how = "the Java heap limit (no system figure)";
        }
        return new MemoryBudget((long) (available * DEFAULT_SHARE),
                String.format(Locale.ROOT, "default: %.0f%% of %s (%s)", DEFAULT_SHARE * 100, how, human(available)));
    }

    /** Parses 512m, 8g, 2.5G, 1048576 (bytes) etc. */
    public static MemoryBudget parse(String text) {
        long bytes;
        try {
            bytes = ByteSize.parse("memory", text);
        } catch (UsageException e) {
            bytes = 0;
        }
        if (bytes <= 0) throw new UsageException(null, "memory must be a size such as 4g or 512m, got '" + text + "'");
        return new MemoryBudget(bytes, "given (memory " + text.trim() + ")");
    }

    /** E.g. 3.2 GB. */
    public static String human(long bytes) {
        if (bytes >= 1L << 30) return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        if (bytes >= 1L << 20) return String.format(Locale.ROOT, "%.0f MB", bytes / (double) (1L << 20));
        return String.format(Locale.ROOT, "%.0f kB", bytes / 1024.0);
    }

    private static long memAvailable() {
        Path meminfo = Path.of("/proc/meminfo");
        try {
            if (!Files.isReadable(meminfo)) return -1;
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemAvailable:")) {
                    String[] p = line.substring("MemAvailable:".length()).trim().split("\\s+");
                    return Long.parseLong(p[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static long freePhysical() {
        try {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
                return os.getFreeMemorySize();
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
        return -1;
    }

    @Override
    public String toString() { return human(bytes) + " (" + source + ")"; }
}
