package org.aerolux.bench;

import java.util.Collections;
import java.util.OptionalDouble;
import net.imglib2.Interval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.aerolux.core.BadInputException;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;

/** A raster of any size computed on demand (8-bit-like texture), so benchmarks need no input file. */
public final class GeneratedRasterSource implements RasterSource {
    private final RasterInfo info;

    public GeneratedRasterSource(int width, int height, int bands) {
        this.info = new RasterInfo(width, height, bands, DataType.UINT8, Georeference.NONE,
                Collections.nCopies(bands, OptionalDouble.empty()), Collections.nCopies(bands, ""));
    }

    /** The value at a pixel: smooth gradients plus a hashed texture, 0..255. */
    public static float value(long x, long y, int band) {
        long h = (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL) ^ (band * 0x165667B19E3779F9L);
        h ^= h >>> 29;
        return (float) ((((x >> 3) + (y >> 4) + band * 40) & 127) + (h & 127));
    }

    @Override
    public RasterInfo info() { return info; }

    @Override
    public RandomAccessibleInterval<FloatType> read(Interval window, int... bands) {
        if (window.min(0) < 0 || window.min(1) < 0 || window.max(0) >= info.width() || window.max(1) >= info.height())
            throw new BadInputException(null, "window outside the image");
        int w = (int) window.dimension(0), h = (int) window.dimension(1);
        float[] data = new float[w * h * bands.length];
        int k = 0;
        for (int b : bands)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) data[k++] = value(window.min(0) + x, window.min(1) + y, b);
        return Views.translate(ArrayImgs.floats(data, w, h, bands.length), window.min(0), window.min(1), 0);
    }

    @Override
    public void close() {}
}
