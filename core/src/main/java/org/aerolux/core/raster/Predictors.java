package org.aerolux.core.raster;

import java.nio.ByteOrder;

/**
 * Undoes the TIFF predictors on one decoded row, in place, as libtiff does (tif_predict.c): horizontal differencing
 * (Predictor 2, TIFF 6.0 section 14) on 8-, 16-, 32- and 64-bit samples, whose sums wrap modulo the sample size, and
 * the floating-point predictor (Predictor 3, Adobe Photoshop TIFF Technical Note 3) on 16-, 32- and 64-bit floats,
 * whose rows hold each sample's bytes as separate planes, most significant first, differenced byte by byte.
 * Rows come and go in the file's byte order.
 */
final class Predictors {
    static final int NONE = 1;
    static final int HORIZONTAL = 2;
    static final int FLOATING_POINT = 3;

    private Predictors() {}

    /**
     * Undoes horizontal differencing on {@code rowBytes} bytes from {@code off}: each sample becomes the sum of itself
     * and the same band's sample of the previous pixel.
     *
     * @param samples        samples per pixel in this row (1 for band-interleaved data)
     * @param bytesPerSample 1, 2, 4 or 8
     */
    static void undoHorizontal(byte[] b, int off, int rowBytes, int samples, int bytesPerSample, ByteOrder order) {
        int stride = samples * bytesPerSample;
        int end = off + rowBytes;
        switch (bytesPerSample) {
            case 1 -> {
                for (int i = off + stride; i < end; i++) b[i] += b[i - stride];
            }
            case 2 -> {
                boolean le = order == ByteOrder.LITTLE_ENDIAN;
                for (int i = off + stride; i < end; i += 2) {
                    int v = get16(b, i, le) + get16(b, i - stride, le);
                    put16(b, i, v, le);
                }
            }
            case 4 -> {
                boolean le = order == ByteOrder.LITTLE_ENDIAN;
                for (int i = off + stride; i < end; i += 4) put32(b, i, get32(b, i, le) + get32(b, i - stride, le), le);
            }
            case 8 -> {
                boolean le = order == ByteOrder.LITTLE_ENDIAN;
                for (int i = off + stride; i < end; i += 8) put64(b, i, get64(b, i, le) + get64(b, i - stride, le), le);
            }
            default -> throw new IllegalArgumentException("horizontal predictor on " + 8 * bytesPerSample + "-bit samples");
        }
    }

    /**
     * Undoes the floating-point predictor on {@code rowBytes} bytes from {@code off}: sums the byte differences (the
     * stride is the samples per pixel), then interleaves the byte planes back into samples in the file's byte order.
     *
     * @param scratch a buffer of at least {@code rowBytes} bytes
     */
    static void undoFloatingPoint(byte[] b, int off, int rowBytes, int samples, int bytesPerSample, ByteOrder order,
                                  byte[] scratch) {
        for (int i = off + samples; i < off + rowBytes; i++) b[i] += b[i - samples];
        System.arraycopy(b, off, scratch, 0, rowBytes);
        int count = rowBytes / bytesPerSample; // samples in the row
        boolean le = order == ByteOrder.LITTLE_ENDIAN;
        for (int s = 0; s < count; s++) {
            int o = off + s * bytesPerSample;
            for (int k = 0; k < bytesPerSample; k++) { // k = 0 is the most significant byte plane
                b[o + (le ? bytesPerSample - 1 - k : k)] = scratch[k * count + s];
            }
        }
    }

    private static int get16(byte[] b, int i, boolean le) {
        return le ? (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 : (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static void put16(byte[] b, int i, int v, boolean le) {
        b[i + (le ? 0 : 1)] = (byte) v;
        b[i + (le ? 1 : 0)] = (byte) (v >> 8);
    }

    private static int get32(byte[] b, int i, boolean le) {
        int v = 0;
        for (int k = 0; k < 4; k++) v |= (b[i + (le ? k : 3 - k)] & 0xFF) << (8 * k);
        return v;
    }

    private static void put32(byte[] b, int i, int v, boolean le) {
        for (int k = 0; k < 4; k++) b[i + (le ? k : 3 - k)] = (byte) (v >> (8 * k));
    }

    private static long get64(byte[] b, int i, boolean le) {
        long v = 0;
        for (int k = 0; k < 8; k++) v |= (b[i + (le ? k : 7 - k)] & 0xFFL) << (8 * k);
        return v;
    }

    private static void put64(byte[] b, int i, long v, boolean le) {
        for (int k = 0; k < 8; k++) b[i + (le ? k : 7 - k)] = (byte) (v >> (8 * k));
    }
}
