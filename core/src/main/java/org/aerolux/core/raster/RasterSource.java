package org.aerolux.core.raster;

import net.imglib2.Interval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A raster that reads any window of any bands on demand, without loading the whole image.
 * Implementations: GeoTIFF files, plain images, in-memory ImageJ images.
 */
public interface RasterSource extends AutoCloseable {
    /** Size, type, georeferencing and nodata, known without reading pixels. */
    RasterInfo info();

    /**
     * Reads a window of the given 0-based bands as floats, laid out as [x, y, band] and positioned at the
     * window's own pixel coordinates (min = window min).
     *
     * @throws org.aerolux.core.BadInputException when the window leaves the image or the data cannot be read
     */
    RandomAccessibleInterval<FloatType> read(Interval window, int... bands);

    @Override
    void close();
}
