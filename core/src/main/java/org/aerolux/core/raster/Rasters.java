package org.aerolux.core.raster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aerolux.core.BadInputException;
import org.aerolux.core.image.PlainImageSource;

/**
 * Entry points of the raster package that need no GeoTools types: open a raster, describe a CRS, and map pixels
 * to WGS 84 longitude/latitude.
 */
public final class Rasters {
    private Rasters() {}

    /**
     * Opens a raster file for windowed reading, choosing the reader by the file's first bytes (not its name):
     * TIFF and GeoTIFF (classic and BigTIFF) through {@link GeoTiffSource}; PNG and JPEG photographs through
     * {@link PlainImageSource} (no georeference). Anything else is refused as an unsupported format.
     *
     * @throws BadInputException naming the file and the problem when it cannot be read
     */
    public static RasterSource open(Path file) {
        if (Files.isRegularFile(file) && Files.isReadable(file)) {
            var plain = PlainImageSource.detect(file);
            if (plain.isPresent()) {
                if (isTiffName(file))
                    throw new BadInputException(file, "named as a TIFF but holds a " + plain.get() + " image; rename it to ."
                            + plain.get().name().toLowerCase(java.util.Locale.ROOT));
                return PlainImageSource.open(file);
            }
            if (!TiffDirectory.hasTiffMagic(file) && size(file) > 0)
                throw new BadInputException(file, "unsupported format: not a GeoTIFF, TIFF, PNG or JPEG file");
        }
        return GeoTiffSource.open(file);
    }

    /** True for a name ending in .tif or .tiff (any case). */
    private static boolean isTiffName(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".tif") || n.endsWith(".tiff");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The CRS of an EPSG code (axes easting/longitude first, as GeoTIFF stores them). */
    public static CrsInfo crs(int epsg) {
        return GeoCrs.fromEpsg(epsg);
    }

    /** The CRS of a WKT 1 text (the form {@link CrsInfo#wkt()} holds). */
    public static CrsInfo crsFromWkt(String wkt) {
        return GeoCrs.fromWkt(wkt);
    }

    /** True when the CRS is geographic (degrees of longitude/latitude) rather than projected. */
    public static boolean isGeographic(CrsInfo crs) {
        return crs.geographic();
    }

    /**
     * The axis unit and the ellipsoid of a CRS (metres per unit of a projected CRS, degrees per unit of a
     * geographic one), for area computations.
     *
     * @throws IllegalArgumentException when GeoTools cannot use the CRS
     */
    public static CrsMeasures measures(CrsInfo crs) {
        return GeoCrs.measures(crs);
    }

    /**
     * Maps pixel positions of a grid to WGS 84 (lon, lat) in degrees. Positions use the corner convention of
     * {@link Affine}: (0, 0) is the outer corner of the first pixel and (0.5, 0.5) its centre.
     *
     * @throws IllegalArgumentException when the georeference lacks a CRS or a transform
     */
    public static LonLatTransform pixelToLonLat(Georeference georeference) {
        if (georeference.crs().isEmpty()) throw new IllegalArgumentException("the image has no CRS");
        if (georeference.transform().isEmpty()) throw new IllegalArgumentException("the image has no grid-to-CRS transform");
        return GeoTransforms.pixelToLonLat(georeference.crs().get(), georeference.transform().get());
    }

    /** Maps coordinates of a CRS to WGS 84 (lon, lat) in degrees. */
    public static LonLatTransform crsToLonLat(CrsInfo crs) {
        return GeoTransforms.crsToLonLat(crs);
    }
}
