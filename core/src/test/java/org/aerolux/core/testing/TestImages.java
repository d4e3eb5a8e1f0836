package org.aerolux.core.testing;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.DoubleArray;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.view.Views;
import org.aerolux.core.raster.RasterSink;

/** Synthetic pixels for tests: a value function streamed into a sink in row chunks of any height. */
public final class TestImages {
    private TestImages() {}

    /** The value of a pixel. */
    @FunctionalInterface
    public interface PixelFunction {
        double value(int x, int y, int band);
    }

    /** Writes the whole image, {@code chunk} rows at a time (chunks need not align with tiles). */
    public static void stream(RasterSink sink, int width, int height, int bands, int chunk, PixelFunction f) {
        for (int y0 = 0; y0 < height; y0 += chunk) {
            int h = Math.min(chunk, height - y0);
            sink.write(Views.translate(block(width, h, bands, y0, f), 0, y0, 0));
        }
    }

    /** The expected pixels as [band][y * width + x]. */
    public static double[][] expected(int width, int height, int bands, PixelFunction f) {
        double[][] out = new double[bands][width * height];
        for (int b = 0; b < bands; b++)
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++) out[b][y * width + x] = f.value(x, y, b);
        return out;
    }

    private static ArrayImg<DoubleType, DoubleArray> block(int width, int h, int bands, int y0, PixelFunction f) {
        double[] data = new double[width * h * bands];
        int i = 0;
        for (int b = 0; b < bands; b++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < width; x++) data[i++] = f.value(x, y0 + y, b);
        return ArrayImgs.doubles(data, width, h, bands);
    }
}
