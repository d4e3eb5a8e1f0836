package org.aerolux.core.raster;

import java.util.OptionalInt;

/**
 * A coordinate reference system as plain values: the EPSG code when one exists, always its WKT,
 * a human-readable name, and whether it is geographic (degrees) rather than projected.
 */
public record CrsInfo(OptionalInt epsg, String wkt, String name, boolean geographic) {
    public CrsInfo {
        if (wkt == null || wkt.isBlank()) throw new IllegalArgumentException("a CRS needs its WKT");
    }

    /** "EPSG:nnnn" when there is a code, else the WKT name. */
    public String label() { return epsg.isPresent() ? "EPSG:" + epsg.getAsInt() : name; }
}
