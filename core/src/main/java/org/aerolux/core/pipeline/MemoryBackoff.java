package org.aerolux.core.pipeline;

import java.util.List;

/**
 * What a run did after the device ran out of memory: the batch it started with and ended at, the tile edge it
 * started with and ended at, and each step, in order (e.g. "batch 8 -> 4 after out of device memory on a 8x3x512x512
 * batch"). Reported in the run result and provenance; nothing happened when {@link #events()} is empty.
 *
 * @param requestedBatch tiles per model call asked for
 * @param finalBatch     tiles per model call at the end of the run
 * @param requestedTile  tile edge asked for, pixels
 * @param finalTile      tile edge the run finished with
 * @param events         each back-off step, one line each
 */
public record MemoryBackoff(int requestedBatch, int finalBatch, int requestedTile, int finalTile, List<String> events) {
    public MemoryBackoff {
        events = List.copyOf(events);
    }

    /** No back-off. */
    public static MemoryBackoff none(int batch, int tile) { return new MemoryBackoff(batch, batch, tile, tile, List.of()); }

    /** True when the run had to back off. */
    public boolean happened() { return !events.isEmpty(); }

    /** One line, e.g. "none" or "batch 8 -> 2, tile 512 -> 256 (3 steps)". */
    public String summary() {
        if (!happened()) return "none";
        StringBuilder b = new StringBuilder();
        if (finalBatch != requestedBatch) b.append("batch ").append(requestedBatch).append(" -> ").append(finalBatch);
        if (finalTile != requestedTile) {
            if (b.length() > 0) b.append(", ");
            b.append("tile ").append(requestedTile).append(" -> ").append(finalTile);
        }
        if (b.length() == 0) b.append("batch ").append(finalBatch);
        return b.append(" (").append(events.size()).append(events.size() == 1 ? " step)" : " steps)").toString();
    }
}
