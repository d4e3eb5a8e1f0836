package org.aerolux.core.tile;

import net.imglib2.FinalInterval;
import net.imglib2.Interval;

/**
 * One model tile.
 *
 * @param row    tile row (0 = top)
 * @param col    tile column (0 = left)
 * @param window the pixels fed to the model, in image coordinates, halo and padding included; parts outside the
 *               image come from the mirror-extended image
 * @param core   the pixels this tile is responsible for (inside the image; the cores partition it)
 */
public record Tile(int row, int col, Interval window, Interval core) {
    public static Tile of(AxisTile y, AxisTile x) {
        return new Tile(y.index(), x.index(),
                FinalInterval.createMinSize(x.start(), y.start(), x.size(), y.size()),
                new FinalInterval(new long[] {x.coreStart(), y.coreStart()}, new long[] {x.coreEnd() - 1, y.coreEnd() - 1}));
    }

    public int width() { return (int) window.dimension(0); }

    public int height() { return (int) window.dimension(1); }

    /** E.g. "tile (row 2, col 5) at x 448..511, y 192..255". */
    public String describe() {
        return "tile (row " + row + ", col " + col + ") at x " + window.min(0) + ".." + window.max(0) + ", y "
                + window.min(1) + ".." + window.max(1);
    }
}
