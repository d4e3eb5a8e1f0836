package org.aerolux.core.tile;

import org.aerolux.core.UsageException;
import org.aerolux.core.model.ModelCard;

/**
 * How an image is cut into model tiles.
 *
 * @param tileSize     edge of a full tile in pixels (a multiple of sizeMultiple)
 * @param overlap      pixels shared by neighbouring tiles; each tile has a halo of overlap/2 before and the rest
 *                     after its core
 * @param sizeMultiple tile edges the model accepts are multiples of this
 */
public record TileGrid(int tileSize, int overlap, int sizeMultiple) {
    public TileGrid {
        if (sizeMultiple < 1) throw new UsageException(null, "the size multiple must be at least 1, got " + sizeMultiple);
        if (tileSize < 1) throw new UsageException(null, "--tile must be at least 1, got " + tileSize);
        if (tileSize % sizeMultiple != 0)
            throw new UsageException(null, "--tile " + tileSize + " is not a multiple of the model's size multiple " + sizeMultiple);
        if (overlap < 0) throw new UsageException(null, "--overlap must not be negative, got " + overlap);
        if (overlap >= tileSize) throw new UsageException(null, "--overlap " + overlap + " must be smaller than --tile " + tileSize);
    }

    /** The model card's defaults. */
    public static TileGrid of(ModelCard card) { return new TileGrid(card.tileSize(), card.overlap(), card.sizeMultiple()); }

    public TileGrid withTileSize(int size) { return new TileGrid(size, overlap, sizeMultiple); }

    public TileGrid withOverlap(int pixels) { return new TileGrid(tileSize, pixels, sizeMultiple); }

    /** Distance between the starts of neighbouring tiles, i.e. the edge of a tile's core. */
    public int stride() { return tileSize - overlap; }

    /** Halo before the core (left or top). */
    public int haloBefore() { return overlap / 2; }

    /** Halo after the core (right or bottom). */
    public int haloAfter() { return overlap - overlap / 2; }

    /** Smallest multiple of sizeMultiple that is at least {@code n}. */
    public long roundUp(long n) { return (n + sizeMultiple - 1) / sizeMultiple * sizeMultiple; }
}
