package org.aerolux.core.raster;

import java.util.List;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * One {@link RasterSink} that writes every block to several sinks (e.g. an in-memory image shown to the user and
 * its GeoTIFF file). Commit commits them all in order; close closes them all, so an uncommitted run leaves
 * nothing in any of them.
 */
public final class TeeRasterSink implements RasterSink {
    private final List<RasterSink> sinks;
    private long rows;

    private TeeRasterSink(List<RasterSink> sinks) {
        if (sinks.isEmpty()) throw new IllegalArgumentException("a tee needs at least one sink");
        this.sinks = List.copyOf(sinks);
    }

    /** The sinks as one (the sink itself when there is only one). */
    public static RasterSink of(RasterSink... sinks) {
        return sinks.length == 1 ? sinks[0] : new TeeRasterSink(List.of(sinks));
    }

    @Override
    public void write(RandomAccessibleInterval<? extends RealType<?>> block) {
        for (RasterSink s : sinks) s.write(block);
        rows += block.dimension(1);
    }

    @Override
    public long rowsWritten() { return rows; }

    @Override
    public void commit() {
        for (RasterSink s : sinks) s.commit();
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (RasterSink s : sinks) {
            try {
                s.close();
            } catch (RuntimeException e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        if (first != null) throw first;
    }
}
