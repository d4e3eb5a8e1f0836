package org.aerolux.plugins.region;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;
import org.aerolux.core.raster.RasterSink;

/**
 * A {@link RasterSink} for the window of an {@link ImageRegion} that passes only the box on to {@code inner}:
 * rows above and below the box are dropped, columns cut to the box, and blocks moved to the box's own coordinates
 * (the box's first row is row 0 of {@code inner}).
 */
public final class CroppedRasterSink implements RasterSink {
    private final RasterSink inner;
    private final long x0, y0, width, height;
    private long rows;

    /** @param inner a sink of the box's size */
    public CroppedRasterSink(RasterSink inner, ImageRegion region) {
        this.inner = inner;
        this.x0 = region.boxXInWindow();
        this.y0 = region.boxYInWindow();
        this.width = region.box().width;
        this.height = region.box().height;
    }

    /** The sink itself for a region that is not cropped, else a cropping one. */
    public static RasterSink of(RasterSink inner, ImageRegion region) {
        return region.cropped() ? new CroppedRasterSink(inner, region) : inner;
    }

    @Override
    public void write(RandomAccessibleInterval<? extends RealType<?>> block) {
        long first = block.min(1), last = block.max(1);
        rows += block.dimension(1);
        long from = Math.max(first, y0), to = Math.min(last, y0 + height - 1);
        if (from > to) return;
        long[] min = new long[block.numDimensions()], max = new long[block.numDimensions()];
        block.min(min);
        block.max(max);
        min[0] = block.min(0) + x0;
        max[0] = min[0] + width - 1;
        min[1] = from;
        max[1] = to;
        long[] shift = new long[min.length];
        shift[0] = -min[0];
        shift[1] = -y0;
        inner.write(cut(block, min, max, shift));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static RandomAccessibleInterval<? extends RealType<?>> cut(RandomAccessibleInterval block, long[] min, long[] max, long[] shift) {
        return Views.translate(Views.interval(block, min, max), shift);
    }

    @Override
    public long rowsWritten() { return rows; }

    @Override
    public void commit() { inner.commit(); }

    @Override
    public void close() { inner.close(); }
}
