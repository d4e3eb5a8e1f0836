package org.aerolux.core.raster;

import java.util.Optional;

/**
 * Where a grid sits on the Earth: its CRS (absent for plain images) and grid-to-CRS transform
 * (absent when the file has none; then nothing is invented).
 */
public record Georeference(Optional<CrsInfo> crs, Optional<Affine> transform) {
    /** No CRS and no transform: a plain image. */
    public static final Georeference NONE = new Georeference(Optional.empty(), Optional.empty());

    public static Georeference of(CrsInfo crs, Affine transform) {
        return new Georeference(Optional.ofNullable(crs), Optional.ofNullable(transform));
    }

    /** True when neither a CRS nor a transform is known. */
    public boolean isEmpty() { return crs.isEmpty() && transform.isEmpty(); }

    /** The georeference of the window starting at pixel (col,row): same CRS, shifted transform. */
    public Georeference shifted(long col, long row) {
        return new Georeference(crs, transform.map(t -> t.shifted(col, row)));
    }
}
