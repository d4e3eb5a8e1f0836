package org.aerolux.spark;

import java.io.Serializable;

/**
 * What one scene task gave, sent back to the driver.
 *
 * @param input    the input file
 * @param status   done, skipped (its outputs existed) or failed (a bad input, model or option: not retried)
 * @param exitCode the CLI exit code of a failure, else 0
 * @param message  one line: the outputs written, or the error naming the file
 * @param executor where it ran
 * @param pixels   width x height of the input (0 when skipped or failed)
 * @param seconds  wall time of the task
 */
public record SceneOutcome(String input, Status status, int exitCode, String message, ExecutorIdentity executor, long pixels,
                           double seconds) implements Serializable {
    /** The state of a scene after its task. */
    public enum Status { DONE, SKIPPED, FAILED }
}
