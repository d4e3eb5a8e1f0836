package org.aerolux.plugins.image;

import ij.ImagePlus;
import ij.ImageStack;
import java.util.ArrayList;
import java.util.List;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;
import net.imglib2.view.Views;
import org.aerolux.core.BadInputException;
import org.aerolux.core.raster.DataType;

/**
 * ImageJ pixels as ImgLib2 images, without copying: the image [x, y, band] is a {@link PlanarImg} whose planes are
 * the very arrays of the ImageJ stack ({@code byte[]}, {@code short[]}, {@code float[]}), so writes show in
 * ImageJ and nothing is duplicated. An RGB image is viewed as three uint8 bands over its packed {@code int[]}
 * (see {@link RgbChannel}).
 * (The same idea as imglib2-ij's ImageJFunctions, which is not on Maven Central.)
 */
public final class ImagePixels {
    private ImagePixels() {}

    /** A typed [x, y, band] view; the type parameter is captured so callers can build typed sources. */
    public interface Visitor<R> {
        <T extends RealType<T>> R visit(RandomAccessibleInterval<T> image, DataType type);
    }

    /** Wraps the bands of {@code imp} (see {@link ImageBands}) and hands the typed view to {@code visitor}. */
    public static <R> R wrap(ImagePlus imp, Visitor<R> visitor) {
        int w = imp.getWidth(), h = imp.getHeight();
        ImageStack stack = imp.getStack();
        List<Integer> bands = ImageBands.stackIndices(imp);
        switch (imp.getBitDepth()) {
            case 8: {
                List<ByteArray> planes = new ArrayList<>();
                for (int i : bands) planes.add(new ByteArray((byte[]) stack.getPixels(i)));
                PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(planes, new long[] {w, h, bands.size()}, new Fraction());
                img.setLinkedType(new UnsignedByteType(img));
                return visitor.visit(img, DataType.UINT8);
            }
            case 16: {
                List<ShortArray> planes = new ArrayList<>();
                for (int i : bands) planes.add(new ShortArray((short[]) stack.getPixels(i)));
                PlanarImg<UnsignedShortType, ShortArray> img = new PlanarImg<>(planes, new long[] {w, h, bands.size()}, new Fraction());
                img.setLinkedType(new UnsignedShortType(img));
                return visitor.visit(img, DataType.UINT16);
            }
            case 32: {
                List<FloatArray> planes = new ArrayList<>();
                for (int i : bands) planes.add(new FloatArray((float[]) stack.getPixels(i)));
                PlanarImg<FloatType, FloatArray> img = new PlanarImg<>(planes, new long[] {w, h, bands.size()}, new Fraction());
                img.setLinkedType(new FloatType(img));
                return visitor.visit(img, DataType.FLOAT32);
            }
            case 24: {
                int[] argb = (int[]) stack.getPixels(bands.get(0));
                var packed = ArrayImgs.argbs(argb, w, h);
                RandomAccessibleInterval<UnsignedByteType> rgb = Views.stack(Converters.convert(packed, new RgbChannel(16)),
                        Converters.convert(packed, new RgbChannel(8)), Converters.convert(packed, new RgbChannel(0)));
                return visitor.visit(rgb, DataType.UINT8);
            }
            default:
                throw new BadInputException(null, "image '" + imp.getTitle() + "' has an unsupported type (" + imp.getBitDepth() + "-bit)");
        }
    }
}
