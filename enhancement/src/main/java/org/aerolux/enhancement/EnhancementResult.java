package org.aerolux.enhancement;

import java.time.Duration;
import java.util.List;
import org.aerolux.core.pipeline.PipelineResult;
import org.aerolux.core.raster.RasterInfo;

/**
 * What one enhancement did.
 *
 * @param input         the input's size, bands, type and georeference
 * @param bands         the bands fed to the model
 * @param untouched     0-based bands copied unchanged
 * @param range         the value range used both ways
 * @param plan          whole image or tiled, and why
 * @param run           the main pass: device actually used, tiles, timings
 * @param gap           the tiled-vs-whole gap (not measured in whole-image mode)
 * @param rangeTime     time to find the value range
 * @param total         wall time of the whole enhancement, probe included
 */
public record EnhancementResult(RasterInfo input, BandSelection bands, List<Integer> untouched, ValueRange range, ModePlan plan,
                                PipelineResult run, TiledGap gap, Duration rangeTime, Duration total) {
    public EnhancementResult {
        untouched = List.copyOf(untouched);
    }
}
