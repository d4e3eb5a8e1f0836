package org.aerolux.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.aerolux.core.tile.Tile;

/** What the reader thread hands to the model thread, in tile order. */
sealed interface TileBatch {
    /** A new tile row begins: the data mask of the rows whose cores it holds. */
    record RowMask(int row, long coreY0, long coreY1, byte[] valid) implements TileBatch {}

    /**
     * Tiles in order; run tiles have their normalised input in {@code data} (NCHW, slot = index among run tiles);
     * skipped tiles (all nodata) have none.
     */
    record Tiles(List<Entry> entries, float[] data, int runCount) implements TileBatch {}

    record Entry(Tile tile, boolean skipped, int slot) {}

    /** The reader finished every tile. */
    record End() implements TileBatch {}

    /** The reader failed (any throwable, an {@link Error} too), while doing what {@code doing} says. */
    record Failure(Throwable error, String doing) implements TileBatch {}

    /** Builds a batch. */
    final class Builder {
        final List<Entry> entries = new ArrayList<>();
        final float[] data;
        int runCount;

        Builder(float[] data) { this.data = data; }

        Tiles build() { return new Tiles(List.copyOf(entries), data, runCount); }
    }
}
