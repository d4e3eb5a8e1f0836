package org.aerolux.segmentation;

import com.google.gson.JsonObject;
import java.util.Optional;
import org.aerolux.core.pipeline.PipelineResult;
import org.aerolux.core.tile.TileGrid;

/**
 * What one segmentation run did.
 *
 * @param pipeline    tiles run and skipped, device, timings of the tiled run
 * @param grid        tile size, overlap and size multiple used
 * @param bands       1-based input bands fed to the model, in model order
 * @param bandsFrom   where the bands came from (--bands, the card's roles in the band descriptions, or the first bands)
 * @param temperature softmax temperature applied
 * @param statistics  pixels and area per class
 * @param vectors     what the vector output reported, when written
 * @param batchFrom   how the batch size was chosen (e.g. "--batch 4", "auto: 12 tiles of 512 px ... on gpu:0")
 * @param resolution  input and model ground resolution, and whether the model ran on a resampled grid (then
 *                    {@code pipeline} and {@code grid} describe that grid; the outputs are on the input's)
 * @param memoryPlan  how the run's buffers were sized to the Java heap
 */
public record SegmentationResult(PipelineResult pipeline, TileGrid grid, int[] bands, String bandsFrom, double temperature,
                                 ClassStatistics.Summary statistics, Optional<JsonObject> vectors,
                                 String batchFrom, ResolutionPlan resolution, MemoryPlan memoryPlan) {
    public SegmentationResult {
        bands = bands.clone();
    }

    @Override
    public int[] bands() { return bands.clone(); }
}
