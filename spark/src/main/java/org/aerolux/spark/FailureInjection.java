package org.aerolux.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.aerolux.core.pipeline.ProgressListener;

/**
 * A test hook that makes the first attempt of chosen scene tasks die half-way through their tiles, while their
 * outputs are open under temporary names: the system property {@value #PROPERTY} (or the environment variable
 * {@value #ENV}, e.g. through {@code spark.executorEnv.AEROLUX_SPARK_FAIL_FIRST_ATTEMPT}) lists input file names,
 * comma-separated. Spark must then retry the task, and no partial output may survive. Unset, it does nothing.
 */
public final class FailureInjection {
    /** Executor system property listing the input file names whose first attempt fails. */
    public static final String PROPERTY = "aerolux.spark.failFirstAttempt";
    /** The same as an environment variable. */
    public static final String ENV = "AEROLUX_SPARK_FAIL_FIRST_ATTEMPT";

    private FailureInjection() {}

    /** Thrown on purpose; an ordinary runtime failure to Spark, so the task is retried. */
    public static final class InjectedFailure extends RuntimeException {
        InjectedFailure(String message) { super(message); }
    }

    /** The messages of the failures injected in this JVM, oldest first (for tests). */
    public static final Queue<String> INJECTED = new ConcurrentLinkedQueue<>();

    /**
     * A progress listener that throws half-way when this attempt of {@code input} is chosen to fail, else none.
     * The message counts the partial (hidden, temporary) outputs open in {@code outputDir} at that moment.
     */
    static ProgressListener listener(Path input, int attempt, Path outputDir) {
        if (attempt > 0 || !chosen().contains(input.getFileName().toString())) return ProgressListener.NONE;
        return e -> {
            if (2 * e.done() < e.total()) return;
            String m = "injected failure of attempt " + attempt + " on " + input.getFileName() + " after " + e.done() + " of " + e.total()
                    + " tiles with " + partialFiles(outputDir) + " partial outputs open";
            INJECTED.add(m);
            throw new InjectedFailure(m);
        };
    }

    private static long partialFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static Set<String> chosen() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) v = System.getenv(ENV);
        if (v == null || v.isBlank()) return Set.of();
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
