package org.aerolux.core.pipeline;

import java.util.List;
import org.aerolux.core.tile.TileGrid;

/**
 * What a run did after the device ran out of memory: the batch it started with and ended at, the tile edge it
 * started with and ended at, and each step, in order (e.g. "batch 8 -> 4 after out of device memory on a 8x3x512x512
 * batch"). Reported in the run result and provenance; nothing happened when {@link #events()} is empty.
 *
 * @param requestedBatch tiles per model call asked for
 * @param finalBatch     tiles per model call at the end of the run
 * @param requestedGrid  tile edge and overlap asked for
 * @param finalGrid      tile edge and overlap the run finished with
 * @param events         each back-off step, one line each
 */
public record MemoryBackoff(int requestedBatch, int finalBatch, TileGrid requestedGrid, TileGrid finalGrid, List<String> events) {
    public MemoryBackoff {
        events = List.copyOf(events);
    }

    /** No back-off. */
    public static MemoryBackoff none(int batch, TileGrid grid) { return new MemoryBackoff(batch, batch, grid, grid, List.of()); }

    /** Tile edge asked for, pixels. */
    public int requestedTile() { return requestedGrid.tileSize(); }

    /** Tile edge the run finished with, pixels. */
    public int finalTile() { return finalGrid.tileSize(); }

    /** True when the run had to back off. */
    public boolean happened() { return !events.isEmpty(); }

    /** One line, e.g. "none" or "batch 8 -> 2, tile 512 -> 256 (3 steps)". */
    public String summary() {
        if (!happened()) return "none";
        StringBuilder b = new StringBuilder();
        if (finalBatch != requestedBatch) b.append("batch ").append(requestedBatch).append(" -> ").append(finalBatch);
        if (finalTile() != requestedTile()) {
            if (b.length() > 0) b.append(", ");
            b.append("tile ").append(requestedTile()).append(" -> ").append(finalTile());
        }
        if (b.length() == 0) b.append("batch ").append(finalBatch);
        return b.append(" (").append(events.size()).append(events.size() == 1 ? " step)" : " steps)").toString();
    }
}
