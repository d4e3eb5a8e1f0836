package org.aerolux.plugins.image;

import ij.ImagePlus;
import ij.ImageStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;
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
        long[] dims = {width, height, bands};
        switch (type) {
            case UINT8 -> {
                List<ByteArray> planes = new ArrayList<>();
                for (int b = 0; b < bands; b++) {
                    byte[] p = new byte[width * height];
                    stack.addSlice("", p);
                    planes.add(new ByteArray(p));
                }
                PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(planes, dims, new Fraction());
                img.setLinkedType(new UnsignedByteType(img));
                rows = new ImgRasterSink<>(img);
            }
            case UINT16 -> {
                List<ShortArray> planes = new ArrayList<>();
                for (int b = 0; b < bands; b++) {
                    short[] p = new short[width * height];
                    stack.addSlice("", p);
                    planes.add(new ShortArray(p));
                }
                PlanarImg<UnsignedShortType, ShortArray> img = new PlanarImg<>(planes, dims, new Fraction());
                img.setLinkedType(new UnsignedShortType(img));
                rows = new ImgRasterSink<>(img);
            }
            case FLOAT32 -> {
                List<FloatArray> planes = new ArrayList<>();
                for (int b = 0; b < bands; b++) {
                    float[] p = new float[width * height];
                    stack.addSlice("", p);
                    planes.add(new FloatArray(p));
                }
                PlanarImg<FloatType, FloatArray> img = new PlanarImg<>(planes, dims, new Fraction());
                img.setLinkedType(new FloatType(img));
                rows = new ImgRasterSink<>(img);
            }
            default -> throw new IllegalArgumentException("ImageJ holds uint8, uint16 and float32 images, not " + type);
        }
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
