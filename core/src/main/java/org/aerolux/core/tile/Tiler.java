package org.aerolux.core.tile;

/** Places tiles over an image. */
public interface Tiler {
    TileLayout layout(long width, long height, TileGrid grid);
}
