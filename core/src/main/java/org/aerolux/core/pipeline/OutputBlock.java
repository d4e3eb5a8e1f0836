package org.aerolux.core.pipeline;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Finished, full-width output rows {@code [minY, minY + height)} of a run, delivered in order. Channel values are
 * the blended model outputs; where {@link #isValid} is false (nodata input) they are NaN and must be treated as
 * nodata (written as the sink's nodata, left out of statistics).
 *
 * @param minY     first image row
 * @param width    image width
 * @param height   rows in this block
 * @param channels output channels
 * @param data     {@code data[(c * height + y) * width + x]} (planar, the layout of an ImgLib2 ArrayImg [x, y, c])
 * @param valid    {@code valid[y * width + x]}: 1 for data, 0 for nodata
 */
public record OutputBlock(long minY, int width, int height, int channels, float[] data, byte[] valid) {
    public OutputBlock {
        if ((long) width * height * channels != data.length || (long) width * height != valid.length)
            throw new IllegalArgumentException("block arrays do not match " + width + "x" + height + "x" + channels);
    }

    /** Value of channel {@code c} at column {@code x} and block row {@code y} (0 = {@link #minY}). */
    public float get(int c, int x, int y) { return data[(c * height + y) * width + x]; }

    /** True when the pixel at column x, block row y holds data. */
    public boolean isValid(int x, int y) { return valid[y * width + x] != 0; }

    /** Number of data (non-nodata) pixels. */
    public long validCount() {
        long n = 0;
        for (byte b : valid) n += b;
        return n;
    }

    /** The channels as an ImgLib2 view laid out [x, y, c] at image coordinates (min = (0, minY, 0)); shares data. */
    public RandomAccessibleInterval<FloatType> channelsView() {
        return Views.translate(ArrayImgs.floats(data, width, height, channels), 0, minY, 0);
    }

    /** The data mask as an ImgLib2 view [x, y] at image coordinates (1 = data); shares the array. */
    public RandomAccessibleInterval<UnsignedByteType> validView() {
        return Views.translate(ArrayImgs.unsignedBytes(valid, width, height), 0, minY);
    }

    /**
     * A block of {@code outChannels} computed per data pixel by {@code fn} from this block's channels; nodata
     * pixels stay nodata (NaN) and {@code fn} is not called for them. The mask array is shared.
     */
    public OutputBlock map(int outChannels, PixelFunction fn) {
        float[] out = new float[width * height * outChannels];
        float[] in = new float[channels];
        float[] px = new float[outChannels];
        int plane = width * height;
        for (int i = 0; i < plane; i++) {
            if (valid[i] == 0) {
                for (int c = 0; c < outChannels; c++) out[c * plane + i] = Float.NaN;
                continue;
            }
            for (int c = 0; c < channels; c++) in[c] = data[c * plane + i];
            fn.apply(in, px);
            for (int c = 0; c < outChannels; c++) out[c * plane + i] = px[c];
        }
        return new OutputBlock(minY, width, height, outChannels, out, valid);
    }
}
