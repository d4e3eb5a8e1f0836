package org.aerolux.core.pipeline;

import java.time.Duration;
import org.aerolux.core.model.DeviceReport;
import org.aerolux.core.tile.TileLayout;

/**
 * What a run did.
 *
 * @param device       device actually used, and why
 * @param layout       the tiles
 * @param blender      center, cosine or gaussian
 * @param batchSize    tiles per model call
 * @param tilesRun     tiles the model ran on
 * @param tilesSkipped all-nodata tiles not run
 * @param retries      batches that failed once and were retried tile by tile
 * @param validPixels  output pixels with data
 * @param nodataPixels output pixels masked as nodata
 * @param total        wall time of the run
 * @param read         time reading, normalising and cutting tiles (on the reader thread, overlapping the model)
 * @param model        time in the model
 * @param blend        time blending tile outputs into rows
 * @param write        time in the block consumer (sinks)
 * @param backoff      what was done after the device ran out of memory (batch halved, tiles shrunk), if anything
 */
public record PipelineResult(DeviceReport device, TileLayout layout, String blender, int batchSize, long tilesRun,
                             long tilesSkipped, long retries, long validPixels, long nodataPixels, Duration total,
                             Duration read, Duration model, Duration blend, Duration write,
                             MemoryBackoff backoff) {
    public long tilesTotal() { return tilesRun + tilesSkipped; }

    /** Tiles per second over the whole run. */
    public double tilesPerSecond() {
        double s = total.toNanos() / 1e9;
        return s <= 0 ? 0 : tilesTotal() / s;
    }
}
