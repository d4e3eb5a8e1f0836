package org.aerolux.core.tile;

import java.util.ArrayList;
import java.util.List;

/**
 * All tiles of an image: columns and rows of {@link AxisTile}s; tile (r, c) is their product. Every tile of a
 * layout has the same window size, so tiles batch together.
 */
public record TileLayout(long width, long height, TileGrid grid, List<AxisTile> columns, List<AxisTile> rows) {
    public TileLayout {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    public int tileCount() { return columns.size() * rows.size(); }

    public Tile tile(int row, int col) { return Tile.of(rows.get(row), columns.get(col)); }

    /** Window width shared by every tile. */
    public int tileWidth() { return columns.get(0).size(); }

    /** Window height shared by every tile. */
    public int tileHeight() { return rows.get(0).size(); }

    /** All tiles, row by row. */
    public List<Tile> tiles() {
        List<Tile> out = new ArrayList<>(tileCount());
        for (AxisTile r : rows) for (AxisTile c : columns) out.add(Tile.of(r, c));
        return out;
    }
}
