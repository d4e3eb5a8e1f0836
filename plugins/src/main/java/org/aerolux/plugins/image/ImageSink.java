package org.aerolux.plugins.image;

import ij.ImagePlus;
import ij.ImageStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import org.aerolux.core.image.ImgRasterSink;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.RasterSink;

/**
 * A {@link RasterSink} that fills a new ImageJ stack (one slice per band) in place: the planar ImgLib2 image the
 * rows are written into is made of the stack's own arrays. The stack is handed out only after {@link #commit()};
 * closing without commit drops it, so a cancelled run leaves no image.
 */
public final class ImageSink implements RasterSink {
    private final ImgRasterSink<?> rows;
    private ImageStack stack;
    private boolean committed;

    /** A stack of {@code bands} slices of uint8, uint16 or float32. */
    public ImageSink(int width, int height, int bands, DataType type) {
        this.stack = new ImageStack(width, height);
        List<Object> slices = new ArrayList<>();
        for (int b = 0; b < bands; b++) {
            Object p = switch (type) {
                case UINT8 -> new byte[width * height];
                case UINT16 -> new short[width * height];
                case FLOAT32 -> new float[width * height];
                default -> throw new IllegalArgumentException("ImageJ holds uint8, uint16 and float32 images, not " + type);
            };
            stack.addSlice("", p);
            slices.add(p);
        }
        rows = ImagePixels.planes(slices, width, height, type, new ImagePixels.Planes<ImgRasterSink<?>>() {
            @Override
            public <T extends RealType<T> & NativeType<T>> ImgRasterSink<?> visit(PlanarImg<T, ?> img) { return new ImgRasterSink<>(img); }
        });
    }

    @Override
    public void write(RandomAccessibleInterval<? extends RealType<?>> block) { rows.write(block); }

    @Override
    public long rowsWritten() { return rows.rowsWritten(); }

    @Override
    public void commit() {
        rows.commit();
        committed = true;
    }

    /** The filled stack, after {@link #commit()}. */
    public Optional<ImageStack> stack() { return committed ? Optional.ofNullable(stack) : Optional.empty(); }

    /** A new (not shown) image of the committed stack. */
    public ImagePlus image(String title) {
        ImageStack s = stack().orElseThrow(() -> new IllegalStateException("nothing committed"));
        return new ImagePlus(title, s);
    }

    @Override
    public void close() {
        rows.close();
        if (!committed) stack = null;
    }
}
