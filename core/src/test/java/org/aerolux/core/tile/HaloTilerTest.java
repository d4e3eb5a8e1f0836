package org.aerolux.core.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.aerolux.core.UsageException;
import org.junit.jupiter.api.Test;

class HaloTilerTest {
    static final TileGrid[] GRIDS = {new TileGrid(64, 16, 8), new TileGrid(32, 8, 8), new TileGrid(24, 6, 8),
            new TileGrid(40, 13, 8), new TileGrid(16, 0, 16), new TileGrid(17, 5, 1), new TileGrid(8, 7, 1)};

    @Test
    void coresPartitionTheAxisAndWindowsFollowTheRules() {
        for (TileGrid g : GRIDS) {
            for (long extent = 1; extent <= 300; extent++) {
                List<AxisTile> tiles = HaloTiler.axis(extent, g);
                String ctx = g + " extent " + extent;
                long expectedCore = 0;
                int size = tiles.get(0).size();
                for (AxisTile t : tiles) {
                    assertEquals(expectedCore, t.coreStart(), ctx);
                    expectedCore = t.coreEnd();
                    assertEquals(size, t.size(), ctx + ": all windows share a size");
                    assertEquals(0, t.size() % g.sizeMultiple(), ctx);
                    assertTrue(t.size() <= g.tileSize(), ctx);
                    assertTrue(t.coreStart() - t.start() >= g.haloBefore(), ctx + ": halo before");
                    assertTrue(t.end() - t.coreEnd() >= Math.min(g.haloAfter(), t.end() - extent >= 0 ? g.haloAfter() : 0), ctx);
                }
                assertEquals(extent, expectedCore, ctx + ": cores cover the axis");
                assertEquals(-g.haloBefore(), tiles.get(0).start(), ctx + ": first window starts one halo before the image");
                if (extent + g.overlap() <= g.tileSize()) {
                    assertEquals(1, tiles.size(), ctx + ": a small image is one tile");
                    assertEquals(g.roundUp(extent + g.overlap()), size, ctx + ": padded up to the multiple only");
                } else {
                    assertEquals(g.tileSize(), size, ctx);
                    AxisTile last = tiles.get(tiles.size() - 1);
                    assertEquals(extent + g.haloAfter(), last.end(), ctx + ": last tile shifted inward, not padded");
                    for (int i = 0; i + 1 < tiles.size() - 1; i++)
                        assertEquals(g.stride(), tiles.get(i + 1).start() - tiles.get(i).start(), ctx);
                }
            }
        }
    }

    @Test
    void layoutIsTheProductOfTheAxes() {
        TileLayout l = new HaloTiler().layout(97, 61, new TileGrid(32, 8, 8));
        assertEquals(HaloTiler.axis(97, l.grid()).size() * HaloTiler.axis(61, l.grid()).size(), l.tileCount());
        Tile t = l.tile(1, 2);
        assertEquals(1, t.row());
        assertEquals(2, t.col());
        assertEquals(32, t.width());
        assertEquals(l.columns().get(2).start(), t.window().min(0));
        assertEquals(l.rows().get(1).coreStart(), t.core().min(1));
        assertEquals(l.tileCount(), l.tiles().size());
        assertTrue(t.describe().startsWith("tile (row 1, col 2) at x "));
    }

    @Test
    void badGridsAreUsageErrors() {
        assertThrows(UsageException.class, () -> new TileGrid(100, 8, 32));
        assertThrows(UsageException.class, () -> new TileGrid(64, 64, 8));
        assertThrows(UsageException.class, () -> new TileGrid(64, -1, 8));
        assertThrows(UsageException.class, () -> new TileGrid(0, 0, 1));
        assertThrows(UsageException.class, () -> new TileGrid(64, 8, 0));
    }
}
