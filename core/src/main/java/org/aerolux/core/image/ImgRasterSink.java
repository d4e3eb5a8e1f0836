package org.aerolux.core.image;

import java.util.Optional;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;
import org.aerolux.core.raster.RasterSink;

/**
 * A {@link RasterSink} into an in-memory ImgLib2 image [x, y, band] of the given pixel type. Values are converted
 * with ImgLib2's {@code setReal}: integer types round, and wrap around when out of range, so clamp first. The
 * image becomes available through {@link #result()} only after {@link #commit()}; closing without commit drops it.
 */
public final class ImgRasterSink<T extends RealType<T> & NativeType<T>> implements RasterSink {
    private final int width, height, bands;
    private Img<T> image;
    private long rows;
    private boolean committed;

    public ImgRasterSink(int width, int height, int bands, T type) {
        this(new ArrayImgFactory<>(type).create(checked(width, height, bands)));
    }

    /**
     * A sink that fills an image allocated elsewhere, laid out [x, y, band] with min 0 (e.g. a planar image over
     * the pixel arrays of an ImageJ stack, so that the result needs no copy).
     */
    public ImgRasterSink(Img<T> target) {
        if (target.numDimensions() != 3 || target.min(0) != 0 || target.min(1) != 0 || target.min(2) != 0)
            throw new IllegalArgumentException("the target must be [x, y, band] starting at 0");
        checked(target.dimension(0), target.dimension(1), target.dimension(2));
        this.width = (int) target.dimension(0);
        this.height = (int) target.dimension(1);
        this.bands = (int) target.dimension(2);
        this.image = target;
    }

    private static long[] checked(long width, long height, long bands) {
        if (width < 1 || height < 1 || bands < 1) throw new IllegalArgumentException("empty image " + width + "x" + height + "x" + bands);
        return new long[] {width, height, bands};
    }

    @Override
    public void write(RandomAccessibleInterval<? extends RealType<?>> block) {
        if (image == null) throw new IllegalStateException("sink is closed");
        if (committed) throw new IllegalStateException("sink is committed");
        if (block.numDimensions() != 3 || block.min(0) != 0 || block.dimension(0) != width || block.dimension(2) != bands)
            throw new IllegalArgumentException("expected full-width rows [x, y, band] with " + bands + " bands");
        if (block.min(1) != rows) throw new IllegalArgumentException("expected row " + rows + ", got " + block.min(1));
        if (block.max(1) >= height) throw new IllegalArgumentException("rows beyond the image height " + height);
        Cursor<? extends RealType<?>> in = Views.flatIterable(block).cursor();
        Cursor<T> out = Views.flatIterable(Views.interval(image, block)).cursor();
        while (in.hasNext()) out.next().setReal(in.next().getRealDouble());
        rows += block.dimension(1);
    }

    @Override
    public long rowsWritten() { return rows; }

    @Override
    public void commit() {
        if (image == null) throw new IllegalStateException("sink is closed");
        if (rows != height) throw new IllegalStateException("only " + rows + " of " + height + " rows written");
        committed = true;
    }

    /** The finished image, present after {@link #commit()}. */
    public Optional<Img<T>> result() { return committed ? Optional.ofNullable(image) : Optional.empty(); }

    @Override
    public void close() {
        if (!committed) image = null;
    }
}
