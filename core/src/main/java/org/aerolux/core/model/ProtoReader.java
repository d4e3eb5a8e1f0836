package org.aerolux.core.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A minimal, defensive protobuf wire-format reader over {@link ByteInput}: tags, varints, length-delimited
 * fields and skipping, always within the bounds of the enclosing message. Every length is checked against the
 * bytes that remain before anything is allocated, so garbage input ends in a {@link MalformedProtoException},
 * never in an out-of-memory error or an index exception.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final ByteInput input;
    private final byte[] buffer = new byte[8192];
    private long bufferStart;
    private int bufferLength;
    private long position;
    private long limit;

    ProtoReader(ByteInput input, long start, long limit) {
        this.input = input;
        this.position = start;
        this.limit = limit;
    }

    long position() { return position; }

    long limit() { return limit; }

    boolean atEnd() { return position >= limit; }

    /** Restricts reading to {@code [position, newLimit)}; returns the old limit for {@link #popLimit}. */
    long pushLimit(long newLimit) throws MalformedProtoException {
        if (newLimit > limit || newLimit < position) throw corrupt("a nested message overruns its parent");
        long old = limit;
        limit = newLimit;
        return old;
    }

    /** Reads a length prefix and restricts reading to that nested message; returns the old limit. */
    long enterMessage() throws IOException, MalformedProtoException {
        long length = readLength();
        return pushLimit(position + length);
    }

    void popLimit(long oldLimit) {
        position = limit;
        limit = oldLimit;
    }

    /** The next field tag (field number << 3 | wire type). */
    int readTag() throws IOException, MalformedProtoException {
        long tag = readVarint();
        if (tag <= 0 || tag > Integer.MAX_VALUE) throw corrupt("invalid field tag " + tag);
        int wireType = (int) (tag & 7);
        if (wireType != VARINT && wireType != FIXED64 && wireType != LENGTH_DELIMITED && wireType != FIXED32)
            throw corrupt("unsupported wire type " + wireType);
        if ((tag >>> 3) == 0) throw corrupt("field number 0");
        return (int) tag;
    }

    static int fieldNumber(int tag) { return tag >>> 3; }

    static int wireType(int tag) { return tag & 7; }

    long readVarint() throws IOException, MalformedProtoException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw corrupt("varint longer than 10 bytes");
    }

    /** Reads the length prefix of a length-delimited field and checks it fits in the enclosing message. */
    long readLength() throws IOException, MalformedProtoException {
        long length = readVarint();
        if (length < 0 || length > limit - position) throw corrupt("field length " + length + " exceeds the message");
        return length;
    }

    /** A length-delimited UTF-8 string of at most {@code maxBytes} bytes. */
    String readString(int maxBytes) throws IOException, MalformedProtoException {
        long length = readLength();
        if (length > maxBytes) throw corrupt("a string of " + length + " bytes (at most " + maxBytes + " allowed)");
        byte[] bytes = new byte[(int) length];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) readByte();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Skips the value of a field whose tag was just read. */
    void skipField(int tag) throws IOException, MalformedProtoException {
        switch (wireType(tag)) {
            case VARINT -> readVarint();
            case FIXED64 -> skip(8);
            case FIXED32 -> skip(4);
            case LENGTH_DELIMITED -> skip(readLength());
            default -> throw corrupt("unsupported wire type " + wireType(tag));
        }
    }

    void expectWireType(int tag, int wireType, String what) throws MalformedProtoException {
        if (wireType(tag) != wireType) throw corrupt(what + " has wire type " + wireType(tag) + ", expected " + wireType);
    }

    private void skip(long n) throws MalformedProtoException {
        if (n < 0 || n > limit - position) throw corrupt("field of " + n + " bytes runs past the end");
        position += n;
    }

    private int readByte() throws IOException, MalformedProtoException {
        if (position >= limit) throw corrupt("truncated field");
        if (position < bufferStart || position >= bufferStart + bufferLength) {
            bufferStart = position;
            bufferLength = input.read(position, buffer, 0, buffer.length);
            if (bufferLength <= 0) {
                bufferLength = 0;
                throw corrupt("unexpected end of file");
            }
        }
        return buffer[(int) (position++ - bufferStart)] & 0xff;
    }

    MalformedProtoException corrupt(String problem) {
        return new MalformedProtoException(problem + " (at byte " + position + ")");
    }
}
