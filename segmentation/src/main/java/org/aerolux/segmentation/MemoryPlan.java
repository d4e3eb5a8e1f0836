package org.aerolux.segmentation;

import java.util.List;

/**
 * How a segmentation run sizes its buffers to the Java heap it has ({@link MemoryPlanner}): the tile grid, tiles
 * per model call, rows per block handed to the outputs, batches the reader prepares ahead, the tile edge of the
 * GeoTIFF outputs (their row buffers), and the heap kept for the vectorizer's open objects.
 *
 * @param grid           tile edge and overlap of the model's tiles
 * @param batch          tiles per model call
 * @param blockRows      the most image rows one block to the outputs holds
 * @param readAhead      batches the tile reader may have ready ahead of the model
 * @param sinkTile       tile edge of the GeoTIFF outputs (each output buffers one row of such tiles)
 * @param vectorBytes    heap kept for the vectorizer's open objects (0 without the vectors output)
 * @param needBytes      heap the plan is estimated to need
 * @param usableBytes    heap the plan was made for
 * @param steps          what was made smaller than the options asked for, in order (empty when nothing)
 */
public record MemoryPlan(org.aerolux.core.tile.TileGrid grid, int batch, int blockRows, int readAhead, int sinkTile, long vectorBytes,
                         long needBytes, long usableBytes, List<String> steps) {
    public MemoryPlan {
        steps = List.copyOf(steps);
    }

    /**
     * One line for the provenance, e.g. "~620 MB of Java heap (estimate); blocks of 64 rows, tile 512 -> 256 (overlap
     * 128 -> 64)". Only what the run did: the same options and heap give the same line (the usable heap, which
     * varies with what else is in memory, is left out).
     */
    public String summary() {
        String head = "~" + org.aerolux.core.HeapMemoryException.human(needBytes) + " of Java heap (estimate)";
        return steps.isEmpty() ? head + "; as asked" : head + "; " + String.join(", ", steps);
    }
}
