package org.aerolux.core.pipeline;

import java.util.Locale;

/**
 * A test hook, not a user option: the system property {@value #PROPERTY} = {@code WORKER:KIND} makes a worker
 * thread throw once it has started its work, so that tests can check that every worker's failure ends the run
 * promptly, with the documented exit code and nothing partial left. Workers: {@code reader} (the tile reader),
 * {@code writer} (the output writer), {@code compress} (a row of GeoTIFF tiles compressed on the fork-join pool),
 * {@code vectors} (the object vectorizer). Kinds: {@code oom} (an {@link OutOfMemoryError}), {@code error} (another
 * {@link Error}), {@code runtime} (a {@link RuntimeException}). Unset, it does nothing.
 */
public final class FaultInjection {
    /** The system property, e.g. {@code -Daerolux.test.fault=reader:oom}. */
    public static final String PROPERTY = "aerolux.test.fault";

    private FaultInjection() {}

    /** Thrown at {@code worker} when the property names it. */
    public static void at(String worker) {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isEmpty()) return;
        int colon = v.indexOf(':');
        if (colon < 0 || !v.substring(0, colon).trim().equalsIgnoreCase(worker)) return;
        String kind = v.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
        String m = "injected " + kind + " in the " + worker + " (" + PROPERTY + ")";
        switch (kind) {
            case "oom" -> throw new OutOfMemoryError(m);
            case "error" -> throw new InjectedError(m);
            case "runtime" -> throw new IllegalStateException(m);
            default -> throw new IllegalArgumentException(PROPERTY + ": unknown kind '" + kind + "' (oom, error, runtime)");
        }
    }

    /** An {@link Error} that is not out of memory (stands for a bug such as a StackOverflowError). */
    public static final class InjectedError extends Error {
        InjectedError(String message) { super(message); }
    }
}
