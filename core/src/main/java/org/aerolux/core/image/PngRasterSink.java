package org.aerolux.core.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;
import org.aerolux.core.io.AtomicOutput;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.RasterSink;

/**
 * A {@link RasterSink} that writes a PNG: 8- or 16-bit, 1 band (grey), 2 (grey + alpha), 3 (RGB) or 4 (RGBA).
 * Rows are collected in memory (a PNG is compressed as one stream) and the file is written on {@link #commit()}
 * through {@link AtomicOutput}, so it appears complete or not at all. Values are rounded to the nearest integer
 * and clamped to the type's range; NaN becomes 0.
 */
public final class PngRasterSink implements RasterSink {
    private final Path target;
    private final int width, height, bands;
    private final DataType type;
    private BufferedImage image;
    private long rows;
    private boolean committed;

    private PngRasterSink(Path target, int width, int height, int bands, DataType type) {
        this.target = target;
        this.width = width;
        this.height = height;
        this.bands = bands;
        this.type = type;
        this.image = newImage(width, height, bands, type);
    }

    /**
     * A sink for a PNG of the given size, band count (1 to 4) and type (uint8 or uint16).
     *
     * @throws IllegalArgumentException for another type or band count
     */
    public static PngRasterSink create(Path target, int width, int height, int bands, DataType type) {
        if (width < 1 || height < 1) throw new IllegalArgumentException("empty image " + width + "x" + height);
        if (bands < 1 || bands > 4) throw new IllegalArgumentException("a PNG has 1 to 4 bands, got " + bands);
        if (type != DataType.UINT8 && type != DataType.UINT16)
            throw new IllegalArgumentException("a PNG holds uint8 or uint16 samples, not " + type);
        return new PngRasterSink(target, width, height, bands, type);
    }

    /** The file written on commit. */
    public Path target() { return target; }

    @Override
    public void write(RandomAccessibleInterval<? extends RealType<?>> block) {
        if (image == null) throw new IllegalStateException("sink is closed");
        if (committed) throw new IllegalStateException("sink is committed");
        if (block.numDimensions() != 3 || block.min(0) != 0 || block.dimension(0) != width || block.dimension(2) != bands)
            throw new IllegalArgumentException("expected full-width rows [x, y, band] with " + bands + " bands");
        if (block.min(1) != rows) throw new IllegalArgumentException("expected row " + rows + ", got " + block.min(1));
        if (block.max(1) >= height) throw new IllegalArgumentException("rows beyond the image height " + height);
        WritableRaster r = image.getRaster();
        double max = type.max();
        Cursor<? extends RealType<?>> c = Views.flatIterable(block).localizingCursor();
        while (c.hasNext()) {
            double v = c.next().getRealDouble();
            int s = Double.isNaN(v) ? 0 : (int) Math.max(0, Math.min(max, Math.rint(v)));
            r.setSample(c.getIntPosition(0), c.getIntPosition(1), c.getIntPosition(2), s);
        }
        rows += block.dimension(1);
    }

    @Override
    public long rowsWritten() { return rows; }

    @Override
    public void commit() {
        if (image == null) throw new IllegalStateException("sink is closed");
        if (rows != height) throw new IllegalStateException("only " + rows + " of " + height + " rows written");
        BufferedImage done = image;
        AtomicOutput.write(target, out -> {
            if (!ImageIO.write(done, "png", out)) throw new IOException("no PNG writer for this image layout");
        });
        committed = true;
        image = null;
    }

    @Override
    public void close() { image = null; }

    private static BufferedImage newImage(int width, int height, int bands, DataType type) {
        boolean alpha = bands == 2 || bands == 4;
        ColorSpace cs = ColorSpace.getInstance(bands <= 2 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        int transfer = type == DataType.UINT8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT;
        ComponentColorModel cm = new ComponentColorModel(cs, alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, transfer);
        return new BufferedImage(cm, cm.createCompatibleWritableRaster(width, height), false, null);
    }
}
