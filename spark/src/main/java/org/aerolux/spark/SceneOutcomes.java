package org.aerolux.spark;

import org.aerolux.core.OneLine;
import org.aerolux.core.AeroLuxException;

/** Makes {@link SceneOutcome}s in a task. */
final class SceneOutcomes {
    private SceneOutcomes() {}

    static SceneOutcome done(String input, ExecutorIdentity where, long pixels, long startNanos, String outputs) {
        return new SceneOutcome(input, SceneOutcome.Status.DONE, 0, outputs, where, pixels, seconds(startNanos));
    }

    static SceneOutcome skipped(String input, ExecutorIdentity where, long startNanos) {
        return new SceneOutcome(input, SceneOutcome.Status.SKIPPED, 0, "skipped, its outputs exist (use --overwrite to redo it)", where,
                0, seconds(startNanos));
    }

    static SceneOutcome failed(String input, AeroLuxException e, ExecutorIdentity where, long startNanos) {
        return new SceneOutcome(input, SceneOutcome.Status.FAILED, e.exitCode().code(), oneLine(e.getMessage()), where, 0,
                seconds(startNanos));
    }

    static String oneLine(String s) { return OneLine.of(s); }

    private static double seconds(long startNanos) { return (System.nanoTime() - startNanos) / 1e9; }
}
