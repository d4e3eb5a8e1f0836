package org.aerolux.core.testing;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;
import org.aerolux.core.raster.RasterSink;

/**
 * A tiny file-writing sink for tests: big-endian floats streamed into a temporary name beside the target, renamed
 * to the target on commit, deleted on close without commit (the contract the GeoTIFF sink follows).
 */
public final class TempFileSink implements RasterSink {
    private final Path target, temp;
    private final int height;
    private DataOutputStream out;
    private long rows;
    private boolean committed;

    public TempFileSink(Path target, int height) {
        this.target = target;
        this.temp = target.resolveSibling("." + target.getFileName() + ".part");
        this.height = height;
        try {
            OutputStream os = Files.newOutputStream(temp);
            this.out = new DataOutputStream(new java.io.BufferedOutputStream(os));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(RandomAccessibleInterval<? extends RealType<?>> block) {
        if (block.min(1) != rows) throw new IllegalArgumentException("expected row " + rows + ", got " + block.min(1));
        try {
            Cursor<? extends RealType<?>> c = Views.flatIterable(block).cursor();
            while (c.hasNext()) out.writeFloat(c.next().getRealFloat());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows += block.dimension(1);
    }

    @Override
    public long rowsWritten() { return rows; }

    @Override
    public void commit() {
        if (rows != height) throw new IllegalStateException("only " + rows + " of " + height + " rows");
        try {
            out.close();
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (committed) return;
        try {
            out.close();
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
