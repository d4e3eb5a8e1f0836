package org.aerolux.enhancement;

import org.aerolux.core.tile.TileGrid;
import org.aerolux.core.tile.TileLayout;

/**
 * The chosen way to run the model over an image, and why.
 *
 * @param mode             {@link EnhancementMode#WHOLE} or {@link EnhancementMode#TILED} (never auto)
 * @param reason           one line: the estimates against the budget, or the user's choice
 * @param grid             the tile grid run (whole image: one window of the mirror-extended image)
 * @param layout           the tiles of that grid over the image
 * @param batch            tiles per model call
 * @param wholeBytes       estimated memory of a whole-image pass (activations + buffers + fixed overhead)
 * @param wholeHeapBytes   the part of it in the Java heap
 * @param tiledBytes       estimated memory of the tiled pass with the tiled grid
 * @param budget           the memory budget
 * @param heapHeadroomBytes Java heap still free for buffers when planned
 */
public record ModePlan(EnhancementMode mode, String reason, TileGrid grid, TileLayout layout, int batch, long wholeBytes,
                       long wholeHeapBytes, long tiledBytes, MemoryBudget budget, long heapHeadroomBytes) {
    public boolean isWhole() { return mode == EnhancementMode.WHOLE; }
}
