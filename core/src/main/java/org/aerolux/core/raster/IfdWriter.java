package org.aerolux.core.raster;

import static org.aerolux.core.raster.TiffTags.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds one little-endian TIFF or BigTIFF image directory: entries sorted by tag, small values inline, larger
 * ones after the directory (8-byte aligned), next-directory offset 0. Deterministic: the same fields give the
 * same bytes.
 */
final class IfdWriter {
    private record Entry(int type, long count, byte[] data) {}

    private final boolean bigTiff;
    private final Map<Integer, Entry> entries = new TreeMap<>();

    IfdWriter(boolean bigTiff) { this.bigTiff = bigTiff; }

    IfdWriter shorts(int tag, int... values) {
        ByteBuffer b = buffer(values.length * 2L);
        for (int v : values) b.putShort((short) v);
        entries.put(tag, new Entry(SHORT, values.length, b.array()));
        return this;
    }

    /** Unsigned 32-bit values; in BigTIFF, arrays of offsets become LONG8 when {@code offsets} is set. */
    IfdWriter longs(int tag, boolean offsets, long... values) {
        boolean eight = bigTiff && offsets;
        ByteBuffer b = buffer(values.length * (eight ? 8L : 4L));
        for (long v : values) {
            if (eight) b.putLong(v);
            else {
                if (v < 0 || v > 0xFFFFFFFFL) throw new IllegalStateException("value " + v + " of tag " + tag + " exceeds 32 bits");
                b.putInt((int) v);
            }
        }
        entries.put(tag, new Entry(eight ? LONG8 : LONG, values.length, b.array()));
        return this;
    }

    IfdWriter doubles(int tag, double... values) {
        ByteBuffer b = buffer(values.length * 8L);
        for (double v : values) b.putDouble(v);
        entries.put(tag, new Entry(DOUBLE, values.length, b.array()));
        return this;
    }

    /** ASCII text, NUL-terminated as TIFF requires. */
    IfdWriter ascii(int tag, String text) {
        byte[] s = text.getBytes(StandardCharsets.US_ASCII);
        byte[] z = new byte[s.length + 1];
        System.arraycopy(s, 0, z, 0, s.length);
        entries.put(tag, new Entry(ASCII, z.length, z));
        return this;
    }

    /** The directory and its out-of-line values, to be written at byte {@code offset} (which must be even). */
    byte[] toBytes(long offset) {
        int n = entries.size();
        int countSize = bigTiff ? 8 : 2, entrySize = bigTiff ? 20 : 12, nextSize = bigTiff ? 8 : 4, inline = bigTiff ? 8 : 4;
        long dirSize = countSize + (long) n * entrySize + nextSize;
        long valuesStart = align(offset + dirSize);
        long total = valuesStart - offset;
        for (Entry e : entries.values()) if (e.data.length > inline) total = align(offset + total + e.data.length) - offset;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(total)).order(ByteOrder.LITTLE_ENDIAN);
        if (bigTiff) out.putLong(n);
        else out.putShort((short) n);
        long valuePos = valuesStart;
        for (Map.Entry<Integer, Entry> me : entries.entrySet()) {
            Entry e = me.getValue();
            out.putShort((short) (int) me.getKey());
            out.putShort((short) e.type);
            if (bigTiff) out.putLong(e.count);
            else out.putInt((int) e.count);
            if (e.data.length <= inline) {
                byte[] pad = new byte[inline];
                System.arraycopy(e.data, 0, pad, 0, e.data.length);
                out.put(pad);
            } else {
                if (bigTiff) out.putLong(valuePos);
                else out.putInt((int) valuePos);
                out.put(Math.toIntExact(valuePos - offset), e.data);
                valuePos = align(valuePos + e.data.length);
            }
        }
        if (bigTiff) out.putLong(0);
        else out.putInt(0);
        return out.array();
    }

    static long align(long pos) { return (pos + 7) & ~7L; }

    private static ByteBuffer buffer(long size) {
        return ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
    }
}
