package org.aerolux.core.raster;

import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferDouble;
import java.awt.image.DataBufferFloat;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferShort;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;

/**
 * Copies one band of a decoded raster into a planar primitive array without changing the values' bits: the fast
 * path walks the data buffer of pixel- or band-interleaved rasters; any other layout goes through getSamples.
 */
final class NativeSamples {
    private NativeSamples() {}

    static void bytes(Raster r, int band, byte[] out, int offset) {
        if (r.getDataBuffer() instanceof DataBufferByte db && r.getSampleModel() instanceof ComponentSampleModel sm) {
            int bank = sm.getBankIndices()[band];
            byte[] a = db.getData(bank);
            int ps = sm.getPixelStride(), o = offset, w = r.getWidth();
            for (int y = 0; y < r.getHeight(); y++) {
                int i = start(r, sm, db, bank, band, y);
                if (ps == 1) {
                    System.arraycopy(a, i, out, o, w);
                    o += w;
                } else {
                    for (int x = 0; x < w; x++, i += ps) out[o++] = a[i];
                }
            }
            return;
        }
        int[] s = samples(r, band);
        for (int k = 0; k < s.length; k++) out[offset + k] = (byte) s[k];
    }

    static void shorts(Raster r, int band, short[] out, int offset) {
        if (r.getSampleModel() instanceof ComponentSampleModel sm
                && (r.getDataBuffer() instanceof DataBufferUShort || r.getDataBuffer() instanceof DataBufferShort)) {
            DataBuffer db = r.getDataBuffer();
            int bank = sm.getBankIndices()[band];
            short[] a = db instanceof DataBufferUShort u ? u.getData(bank) : ((DataBufferShort) db).getData(bank);
            int ps = sm.getPixelStride(), o = offset, w = r.getWidth();
            for (int y = 0; y < r.getHeight(); y++) {
                int i = start(r, sm, db, bank, band, y);
                for (int x = 0; x < w; x++, i += ps) out[o++] = a[i];
            }
            return;
        }
        int[] s = samples(r, band);
        for (int k = 0; k < s.length; k++) out[offset + k] = (short) s[k];
    }

    static void ints(Raster r, int band, int[] out, int offset) {
        if (r.getDataBuffer() instanceof DataBufferInt db && r.getSampleModel() instanceof ComponentSampleModel sm) {
            int bank = sm.getBankIndices()[band];
            int[] a = db.getData(bank);
            int ps = sm.getPixelStride(), o = offset, w = r.getWidth();
            for (int y = 0; y < r.getHeight(); y++) {
                int i = start(r, sm, db, bank, band, y);
                for (int x = 0; x < w; x++, i += ps) out[o++] = a[i];
            }
            return;
        }
        int[] s = samples(r, band);
        System.arraycopy(s, 0, out, offset, s.length);
    }

    static void floats(Raster r, int band, float[] out, int offset) {
        if (r.getDataBuffer() instanceof DataBufferFloat db && r.getSampleModel() instanceof ComponentSampleModel sm) {
            int bank = sm.getBankIndices()[band];
            float[] a = db.getData(bank);
            int ps = sm.getPixelStride(), o = offset, w = r.getWidth();
            for (int y = 0; y < r.getHeight(); y++) {
                int i = start(r, sm, db, bank, band, y);
                for (int x = 0; x < w; x++, i += ps) out[o++] = a[i];
            }
            return;
        }
        float[] s = r.getSamples(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(), band, (float[]) null);
        System.arraycopy(s, 0, out, offset, s.length);
    }

    static void doubles(Raster r, int band, double[] out, int offset) {
        if (r.getDataBuffer() instanceof DataBufferDouble db && r.getSampleModel() instanceof ComponentSampleModel sm) {
            int bank = sm.getBankIndices()[band];
            double[] a = db.getData(bank);
            int ps = sm.getPixelStride(), o = offset, w = r.getWidth();
            for (int y = 0; y < r.getHeight(); y++) {
                int i = start(r, sm, db, bank, band, y);
                for (int x = 0; x < w; x++, i += ps) out[o++] = a[i];
            }
            return;
        }
        double[] s = r.getSamples(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(), band, (double[]) null);
        System.arraycopy(s, 0, out, offset, s.length);
    }

    /** Index in the bank of the first sample of row {@code y} (relative to the raster) of a band. */
    private static int start(Raster r, ComponentSampleModel sm, DataBuffer db, int bank, int band, int y) {
        int sx = r.getMinX() - r.getSampleModelTranslateX();
        int sy = r.getMinY() - r.getSampleModelTranslateY();
        return db.getOffsets()[bank] + sm.getOffset(sx, sy + y, band);
    }

    private static int[] samples(Raster r, int band) {
        return r.getSamples(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(), band, (int[]) null);
    }
}
