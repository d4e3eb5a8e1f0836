package org.aerolux.core.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Random-access bytes (a file or an array) that the protobuf reader reads from without loading them whole. */
interface ByteInput extends AutoCloseable {
    long size() throws IOException;

    /** Reads up to {@code len} bytes at {@code pos}; returns the number read (0 only at the end). */
    int read(long pos, byte[] dst, int off, int len) throws IOException;

    @Override
    default void close() throws IOException {}

    static ByteInput of(byte[] bytes) {
        return new ByteInput() {
            @Override
            public long size() { return bytes.length; }

            @Override
            public int read(long pos, byte[] dst, int off, int len) {
                if (pos >= bytes.length) return 0;
                int n = (int) Math.min(len, bytes.length - pos);
                System.arraycopy(bytes, (int) pos, dst, off, n);
                return n;
            }
        };
    }

    static ByteInput of(FileChannel channel) {
        return new ByteInput() {
            @Override
            public long size() throws IOException { return channel.size(); }

            @Override
            public int read(long pos, byte[] dst, int off, int len) throws IOException {
                int total = 0;
                ByteBuffer buf = ByteBuffer.wrap(dst, off, len);
                while (buf.hasRemaining()) {
                    int n = channel.read(buf, pos + total);
                    if (n <= 0) break;
                    total += n;
                }
                return total;
            }

            @Override
            public void close() throws IOException { channel.close(); }
        };
    }
}
