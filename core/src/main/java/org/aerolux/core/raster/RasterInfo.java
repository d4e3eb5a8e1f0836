package org.aerolux.core.raster;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What is known about a raster without reading its pixels.
 *
 * @param width            pixels per row
 * @param height           rows
 * @param bandCount        number of bands
 * @param dataType         pixel type (the same for every band)
 * @param georeference     CRS and grid-to-CRS transform, possibly empty
 * @param nodata           per band, empty where the band has no nodata value
 * @param bandDescriptions per band, empty strings where none
 */
public record RasterInfo(int width, int height, int bandCount, DataType dataType, Georeference georeference,
                         List<OptionalDouble> nodata, List<String> bandDescriptions) {
    public RasterInfo {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("size must be positive: " + width + "x" + height);
        if (bandCount <= 0) throw new IllegalArgumentException("band count must be positive: " + bandCount);
        nodata = List.copyOf(nodata);
        bandDescriptions = List.copyOf(bandDescriptions);
        if (nodata.size() != bandCount || bandDescriptions.size() != bandCount)
            throw new IllegalArgumentException("nodata and descriptions need one entry per band");
    }

    /** Number of pixels in one band. */
    public long pixelCount() { return (long) width * height; }

    /** True when the value is this band's nodata (NaN counts as nodata in floating-point data). */
    public boolean isNodata(int band, double value) {
        if (Double.isNaN(value)) return true;
        OptionalDouble nd = nodata.get(band);
        return nd.isPresent() && nd.getAsDouble() == value;
    }
}
