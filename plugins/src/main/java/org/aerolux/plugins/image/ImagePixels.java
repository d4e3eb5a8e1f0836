package org.aerolux.plugins.image;

import ij.ImagePlus;
import ij.ImageStack;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.NativeType;
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

    /** A typed planar image, for callers that need its native type too. */
    public interface Planes<R> {
        <T extends RealType<T> & NativeType<T>> R visit(PlanarImg<T, ?> image);
    }

    /**
     * The slices ({@code byte[]}, {@code short[]} or {@code float[]} of {@code w x h}) as the planes of one uint8,
     * uint16 or float32 [x, y, band] image, without copying, handed to {@code visitor}.
     */
    public static <R> R planes(List<Object> slices, int w, int h, DataType type, Planes<R> visitor) {
        long[] dims = {w, h, slices.size()};
        return switch (type) {
            case UINT8 -> visitor.visit(ImagePixels.<UnsignedByteType, ByteArray>planar(
                    slices.stream().map(p -> new ByteArray((byte[]) p)).toList(), dims, img -> new UnsignedByteType(img)));
            case UINT16 -> visitor.visit(ImagePixels.<UnsignedShortType, ShortArray>planar(
                    slices.stream().map(p -> new ShortArray((short[]) p)).toList(), dims, img -> new UnsignedShortType(img)));
            case FLOAT32 -> visitor.visit(ImagePixels.<FloatType, FloatArray>planar(
                    slices.stream().map(p -> new FloatArray((float[]) p)).toList(), dims, img -> new FloatType(img)));
            default -> throw new IllegalArgumentException("ImageJ holds uint8, uint16 and float32 images, not " + type);
        };
    }

    private static <T extends NativeType<T>, A extends ArrayDataAccess<A>> PlanarImg<T, A> planar(List<A> planes, long[] dims, Function<PlanarImg<T, A>, T> linked) {
        PlanarImg<T, A> img = new PlanarImg<>(planes, dims, new Fraction());
        img.setLinkedType(linked.apply(img));
        return img;
    }

    /** Wraps the bands of {@code imp} (see {@link ImageBands}) and hands the typed view to {@code visitor}. */
    public static <R> R wrap(ImagePlus imp, Visitor<R> visitor) {
        int w = imp.getWidth(), h = imp.getHeight();
        ImageStack stack = imp.getStack();
        List<Integer> bands = ImageBands.stackIndices(imp);
        switch (imp.getBitDepth()) {
            case 8, 16, 32: {
                List<Object> slices = new ArrayList<>();
                for (int i : bands) slices.add(stack.getPixels(i));
                DataType type = imp.getBitDepth() == 8 ? DataType.UINT8 : imp.getBitDepth() == 16 ? DataType.UINT16 : DataType.FLOAT32;
                return planes(slices, w, h, type, new Planes<R>() {
                    @Override
                    public <T extends RealType<T> & NativeType<T>> R visit(PlanarImg<T, ?> img) { return visitor.visit(img, type); }
                });
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
