package org.aerolux.core.raster;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * A streaming raster writer. Rows arrive top to bottom as full-width blocks laid out [x, y, band]; the
 * block's min y must equal the next row to write. Nothing is visible under the final name until
 * {@link #commit()}; {@link #close()} without commit removes every trace.
 */
public interface RasterSink extends AutoCloseable {
    /** Appends the next full-width rows. */
    void write(RandomAccessibleInterval<? extends RealType<?>> rows);

    /** Number of rows written so far. */
    long rowsWritten();

    /** Finishes the file and moves it to its final name; all rows must have been written. */
    void commit();

    /** Removes any partial output unless committed. */
    @Override
    void close();
}
