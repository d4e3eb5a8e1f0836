package org.aerolux.core.pipeline;

import java.time.Duration;
import java.util.Optional;

/**
 * Progress after one more tile.
 *
 * @param done    tiles finished (run or skipped)
 * @param total   tiles of the run
 * @param skipped tiles skipped as all-nodata so far
 * @param elapsed time since the run started
 * @param eta     estimated time to the end (empty before the first tile)
 */
public record ProgressEvent(long done, long total, long skipped, Duration elapsed, Optional<Duration> eta) {
    /** Fraction done, 0 to 1. */
    public double fraction() { return total == 0 ? 1 : (double) done / total; }
}
