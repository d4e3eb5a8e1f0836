package org.aerolux.core.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import net.imglib2.Cursor;
import net.imglib2.FinalInterval;
import net.imglib2.Interval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ByteType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedIntType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;
import org.aerolux.core.BadInputException;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;

/**
 * A {@link RasterSource} over an image already in memory: an ImgLib2 image laid out [x, y, band] (or [x, y] for
 * one band), e.g. wrapped ImageJ pixels. Windows are copied out as floats.
 */
public final class ImgRasterSource<T extends RealType<T>> implements RasterSource {
    private final RandomAccessibleInterval<T> image;
    private final RasterInfo info;

    /** A source with the given georeference and per-band nodata (empty lists mean none). */
    public ImgRasterSource(RandomAccessibleInterval<T> image, Georeference georeference, List<OptionalDouble> nodata) {
        if (image.numDimensions() == 2) image = Views.addDimension(image, 0, 0);
        if (image.numDimensions() != 3) throw new IllegalArgumentException("images are [x, y, band], got " + image.numDimensions() + "D");
        this.image = Views.zeroMin(image);
        int w = (int) image.dimension(0), h = (int) image.dimension(1), b = (int) image.dimension(2);
        List<OptionalDouble> nd = nodata.isEmpty() ? Collections.nCopies(b, OptionalDouble.empty()) : nodata;
        this.info = new RasterInfo(w, h, b, dataTypeOf(image.getType()), georeference, nd, Collections.nCopies(b, ""));
    }

    /** A plain image without georeference or nodata. */
    public static <T extends RealType<T>> ImgRasterSource<T> of(RandomAccessibleInterval<T> image) {
        return new ImgRasterSource<>(image, Georeference.NONE, List.of());
    }

    /** The same image with one nodata value for every band. */
    public static <T extends RealType<T>> ImgRasterSource<T> withNodata(RandomAccessibleInterval<T> image, double nodata) {
        long bands = image.numDimensions() == 2 ? 1 : image.dimension(2);
        List<OptionalDouble> nd = new ArrayList<>();
        for (int i = 0; i < bands; i++) nd.add(OptionalDouble.of(nodata));
        return new ImgRasterSource<>(image, Georeference.NONE, nd);
    }

    @Override
    public RasterInfo info() { return info; }

    @Override
    public RandomAccessibleInterval<FloatType> read(Interval window, int... bands) {
        if (window.numDimensions() != 2 || window.min(0) < 0 || window.min(1) < 0 || window.max(0) >= info.width()
                || window.max(1) >= info.height() || Intervals.isEmpty(window))
            throw new BadInputException(null, "window " + Intervals.toString(window) + " is outside the " + info.width() + "x"
                    + info.height() + " image");
        int w = (int) window.dimension(0), h = (int) window.dimension(1);
        ArrayImg<FloatType, FloatArray> out = ArrayImgs.floats(w, h, bands.length);
        float[] dst = out.update(null).getCurrentStorageArray();
        int k = 0;
        for (int b : bands) {
            if (b < 0 || b >= info.bandCount()) throw new BadInputException(null, "band " + (b + 1) + " does not exist");
            Cursor<T> c = Views.flatIterable(Views.interval(Views.hyperSlice(image, 2, b),
                    new FinalInterval(new long[] {window.min(0), window.min(1)}, new long[] {window.max(0), window.max(1)}))).cursor();
            while (c.hasNext()) dst[k++] = c.next().getRealFloat();
        }
        return Views.translate(out, window.min(0), window.min(1), 0);
    }

    @Override
    public void close() {}

    static DataType dataTypeOf(RealType<?> t) {
        if (t instanceof UnsignedByteType) return DataType.UINT8;
        if (t instanceof ByteType) return DataType.INT8;
        if (t instanceof UnsignedShortType) return DataType.UINT16;
        if (t instanceof ShortType) return DataType.INT16;
        if (t instanceof UnsignedIntType) return DataType.UINT32;
        if (t instanceof IntType) return DataType.INT32;
        if (t instanceof DoubleType) return DataType.FLOAT64;
        return DataType.FLOAT32;
    }
}
