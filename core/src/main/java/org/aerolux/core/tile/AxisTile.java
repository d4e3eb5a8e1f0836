package org.aerolux.core.tile;

/**
 * A tile's extent along one axis, in image coordinates.
 *
 * @param index     position along the axis (0 = first)
 * @param start     first pixel of the window (may be negative: mirror-extended halo)
 * @param size      window length (a multiple of the grid's size multiple)
 * @param coreStart first pixel this tile is responsible for
 * @param coreEnd   one past the last; the cores of an axis partition [0, extent)
 */
public record AxisTile(int index, long start, int size, long coreStart, long coreEnd) {
    public AxisTile {
        if (size < 1 || coreStart < start || coreEnd > start + size || coreEnd <= coreStart)
            throw new IllegalArgumentException("inconsistent axis tile " + index + ": window [" + start + ", " + (start + size)
                    + "), core [" + coreStart + ", " + coreEnd + ")");
    }

    /** One past the last window pixel. */
    public long end() { return start + size; }
}
