package org.aerolux.core.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Byte-level surgery on little-endian classic TIFF files, to make broken inputs for error tests. */
public final class TiffBytes {
    private TiffBytes() {}

    /** Sets the inline value of a SHORT or LONG entry of the first directory (e.g. ImageWidth to 0). */
    public static void setInlineValue(Path file, int tag, long value) throws IOException {
        byte[] b = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int entry = entry(buf, tag);
        int type = buf.getShort(entry + 2);
        if (type == 3) buf.putShort(entry + 8, (short) value);
        else buf.putInt(entry + 8, (int) value);
        Files.write(file, b);
    }

    /** Overwrites SHORT number {@code index} of an out-of-line SHORT array field (e.g. a GeoKey). */
    public static void setShortInArray(Path file, int tag, int index, int value) throws IOException {
        byte[] b = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int entry = entry(buf, tag);
        int offset = buf.getInt(entry + 8);
        buf.putShort(offset + 2 * index, (short) value);
        Files.write(file, b);
    }

    /** The SHORT values of an out-of-line SHORT array field. */
    public static int[] shortArray(Path file, int tag) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int entry = entry(buf, tag);
        int count = buf.getInt(entry + 4);
        int offset = count <= 2 ? entry + 8 : buf.getInt(entry + 8);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) out[i] = buf.getShort(offset + 2 * i) & 0xFFFF;
        return out;
    }

    /** The first value of a LONG (or SHORT) array field, e.g. the offset of the first tile. */
    public static long firstValue(Path file, int tag) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int entry = entry(buf, tag);
        int type = buf.getShort(entry + 2);
        int count = buf.getInt(entry + 4);
        int size = type == 3 ? 2 : 4;
        int at = count * size <= 4 ? entry + 8 : buf.getInt(entry + 8);
        return type == 3 ? buf.getShort(at) & 0xFFFF : buf.getInt(at) & 0xFFFFFFFFL;
    }

    private static int entry(ByteBuffer buf, int tag) {
        if (buf.get(0) != 'I' || buf.getShort(2) != 42) throw new IllegalArgumentException("not a little-endian classic TIFF");
        int ifd = buf.getInt(4);
        int n = buf.getShort(ifd) & 0xFFFF;
        for (int i = 0; i < n; i++) {
            int e = ifd + 2 + 12 * i;
            if ((buf.getShort(e) & 0xFFFF) == tag) return e;
        }
        throw new IllegalArgumentException("tag " + tag + " not found");
    }
}
