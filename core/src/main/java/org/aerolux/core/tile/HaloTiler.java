package org.aerolux.core.tile;

import java.util.ArrayList;
import java.util.List;
import org.aerolux.core.BadInputException;

/**
 * The AeroLux tiling (after deepImageJ's and StarDist's halo tiling): cores of edge {@code tileSize - overlap}
 * partition the image from the top-left; each window adds a halo of {@code overlap/2} before and the rest after
 * its core, mirror-extended at the image border. Along an axis:
 * <ul>
 *   <li>when the image plus both halos fits in one tile, there is one window of that length rounded up to the
 *       size multiple: the extra pixels are mirror padding at the right or bottom (the convention of the model
 *       fixtures: reflect-pad at bottom/right up to the multiple, then crop);</li>
 *   <li>otherwise all windows are full tiles, and the last is shifted inward to end one halo past the image
 *       edge instead of being padded; its core is what the previous cores leave.</li>
 * </ul>
 */
public final class HaloTiler implements Tiler {
    @Override
    public TileLayout layout(long width, long height, TileGrid grid) {
        if (width < 1 || height < 1) throw new BadInputException(null, "cannot tile an empty image " + width + "x" + height);
        return new TileLayout(width, height, grid, axis(width, grid), axis(height, grid));
    }

    /** Tiles along one axis of the given extent. */
    public static List<AxisTile> axis(long extent, TileGrid grid) {
        int t = grid.tileSize(), o = grid.overlap(), c = grid.stride();
        long before = grid.haloBefore(), after = grid.haloAfter();
        List<AxisTile> tiles = new ArrayList<>();
        if (extent + o <= t) {
            tiles.add(new AxisTile(0, -before, (int) grid.roundUp(extent + o), 0, extent));
            return tiles;
        }
        long n = 1 + ceilDiv(extent + o - t, c);
        if (n > Integer.MAX_VALUE) throw new BadInputException(null, "image too large for tiles of " + t);
        for (int i = 0; i < n - 1; i++) tiles.add(new AxisTile(i, -before + (long) i * c, t, (long) i * c, (long) (i + 1) * c));
        tiles.add(new AxisTile((int) n - 1, extent + after - t, t, (n - 1) * c, extent));
        return tiles;
    }

    private static long ceilDiv(long a, long b) { return (a + b - 1) / b; }
}
