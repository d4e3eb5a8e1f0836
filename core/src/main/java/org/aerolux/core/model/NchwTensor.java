package org.aerolux.core.model;

/**
 * A batch of float images in NCHW order: {@code data[((n * c + ch) * h + y) * w + x]}.
 * The array is shared, not copied.
 */
public record NchwTensor(float[] data, int n, int c, int h, int w) {
    public NchwTensor {
        if (n <= 0 || c <= 0 || h <= 0 || w <= 0) throw new IllegalArgumentException("empty tensor " + n + "x" + c + "x" + h + "x" + w);
        if ((long) n * c * h * w != data.length)
            throw new IllegalArgumentException("tensor " + n + "x" + c + "x" + h + "x" + w + " needs " + (long) n * c * h * w
                    + " floats, got " + data.length);
    }

    /** A zero-filled tensor. */
    public static NchwTensor zeros(int n, int c, int h, int w) {
        long size = (long) n * c * h * w;
        if (size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("tensor too large: " + n + "x" + c + "x" + h + "x" + w);
        return new NchwTensor(new float[(int) size], n, c, h, w);
    }

    /** Floats per image. */
    public int imageSize() { return c * h * w; }

    /** Index of (image, channel, y, x) in {@link #data()}. */
    public int index(int image, int channel, int y, int x) { return ((image * c + channel) * h + y) * w + x; }

    /** Shape as text, e.g. 4x3x256x256. */
    public String shapeText() { return n + "x" + c + "x" + h + "x" + w; }
}
