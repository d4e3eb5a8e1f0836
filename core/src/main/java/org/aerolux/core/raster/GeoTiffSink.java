package org.aerolux.core.raster;

import static org.aerolux.core.raster.TiffTags.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import java.util.zip.Deflater;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ByteType;
import net.imglib2.type.numeric.integer.GenericByteType;
import net.imglib2.type.numeric.integer.GenericShortType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.aerolux.core.UsageException;
import org.aerolux.core.io.AtomicOutput;

/**
 * A streaming GeoTIFF writer: tiled, Deflate-compressed, pixel-interleaved, little-endian, BigTIFF when the file
 * could pass 4 GB. Rows arrive top to bottom; only one row of tiles is held in memory: when it is full its tiles
 * are compressed (in parallel) and appended, and the image directory is written at the end. The output is
 * deterministic (same pixels and options give the same bytes) and atomic (a temporary file renamed on
 * {@link #commit()}; {@link #close()} without commit deletes it).
 *
 * <p>Georeferencing: GeoKeys from GeoTools' CRS encoder (EPSG code, or user-defined keys), ModelPixelScale +
 * ModelTiepoint for north-up grids, ModelTransformation otherwise (rotation kept). Nodata goes in GDAL_NODATA,
 * band descriptions in GDAL_METADATA, a uint8 palette in ColorMap.
 *
 * <p>Values are converted to the data type as they arrive: rounded to the nearest integer (halves up) and clamped
 * to the type's range; NaN becomes the nodata value in integer types (0 when there is none, or when the type cannot
 * hold it). Blocks whose samples
 * already have the file's type (e.g. {@code UnsignedByteType} for uint8) are copied bit for bit.
 *
 * <p>One writer thread at a time; the sink itself compresses a finished row of tiles on the common fork-join pool.
 */
public final class GeoTiffSink implements RasterSink {
    private static final long CLASSIC_LIMIT = 0xFFFFFFFFL;

    private final Builder spec;
    private final GeoKeys keys;
    private final AtomicOutput output;
    private final FileChannel channel;
    private final boolean bigTiff;
    private final int tile;
    private final int tilesAcross;
    private final int tilesDown;
    private final int bytesPerSample;
    private final int tileBytes;
    private final long[] tileOffsets;
    private final long[] tileByteCounts;
    private final byte[][] rowOfTiles;
    private final double integerNanFill;
    private final double[] rowValues;
    private long position;
    private int rowsWritten;
    private boolean committed;
    private boolean closed;

    private GeoTiffSink(Builder spec, GeoKeys keys, AtomicOutput output, FileChannel channel, boolean bigTiff) {
        this.spec = spec;
        this.keys = keys;
        this.output = output;
        this.channel = channel;
        this.bigTiff = bigTiff;
        this.tile = spec.tileSize;
        this.tilesAcross = (spec.width + tile - 1) / tile;
        this.tilesDown = (spec.height + tile - 1) / tile;
        this.bytesPerSample = spec.dataType.bytes();
        this.tileBytes = Math.multiplyExact(Math.multiplyExact(tile * tile, spec.bands), bytesPerSample);
        this.tileOffsets = new long[Math.multiplyExact(tilesAcross, tilesDown)];
        this.tileByteCounts = new long[tileOffsets.length];
        this.rowOfTiles = new byte[tilesAcross][tileBytes];
        this.integerNanFill = spec.nodata.isPresent() && spec.dataType.holds(spec.nodata.getAsDouble())
                ? spec.nodata.getAsDouble() : 0;
        this.rowValues = new double[spec.width];
    }

    /** A builder for an image of the given size, band count and data type. */
    public static Builder builder(Path target, int width, int height, int bands, DataType dataType) {
        return new Builder(target, width, height, bands, dataType);
    }

    /**
     * A builder that copies size, bands, data type, georeference, nodata (the first band's) and band descriptions
     * from a raster's info.
     */
    public static Builder builder(Path target, RasterInfo like) {
        Builder b = new Builder(target, like.width(), like.height(), like.bandCount(), like.dataType())
                .georeference(like.georeference())
                .bandDescriptions(like.bandDescriptions());
        like.nodata().stream().filter(OptionalDouble::isPresent).findFirst().ifPresent(nd -> b.nodata(nd.getAsDouble()));
        return b;
    }

    /** Options of a {@link GeoTiffSink}; {@link #build()} checks them and creates the temporary file. */
    public static final class Builder {
        private final Path target;
        private final int width;
        private final int height;
        private final int bands;
        private final DataType dataType;
        private Georeference georeference = Georeference.NONE;
        private OptionalDouble nodata = OptionalDouble.empty();
        private List<String> descriptions;
        private int[] palette;
        private boolean rgb;
        private int tileSize = 256;
        private boolean forceBigTiff;
        private int deflateLevel = 6;

        private Builder(Path target, int width, int height, int bands, DataType dataType) {
            this.target = target;
            this.width = width;
            this.height = height;
            this.bands = bands;
            this.dataType = dataType;
        }

        /** CRS and grid-to-CRS transform (default: none; the file is then a plain TIFF). */
        public Builder georeference(Georeference g) { this.georeference = g; return this; }

        /**
         * One nodata value for all bands. Any value is kept, as GDAL keeps it: one the type cannot hold (-1 or 300
         * on uint8, 2.5 or NaN on an integer type) is metadata that matches no pixel.
         */
        public Builder nodata(double value) { this.nodata = OptionalDouble.of(value); return this; }

        /** No nodata value (the default). */
        public Builder noNodata() { this.nodata = OptionalDouble.empty(); return this; }

        /** One description per band (empty strings for none). */
        public Builder bandDescriptions(List<String> d) { this.descriptions = List.copyOf(d); return this; }

        /** A colour table for a single-band uint8 image: up to 256 entries 0xRRGGBB. */
        public Builder palette(int[] rgbEntries) { this.palette = rgbEntries == null ? null : rgbEntries.clone(); return this; }

        /** Marks bands 1-3 as red, green, blue (photometric RGB) so that viewers show colour. */
        public Builder rgb(boolean value) { this.rgb = value; return this; }

        /** Tile width and height in pixels, a multiple of 16 (default 256). */
        public Builder tileSize(int pixels) { this.tileSize = pixels; return this; }

        /** Writes BigTIFF even for a small image (BigTIFF is chosen anyway when the file could pass 4 GB). */
        public Builder forceBigTiff(boolean value) { this.forceBigTiff = value; return this; }

        /** Deflate level 1 (fast) to 9 (small); default 6, as GDAL. */
        public Builder deflateLevel(int level) { this.deflateLevel = level; return this; }

        /**
         * Checks the options and creates the temporary output.
         *
         * @throws IllegalArgumentException for inconsistent options
         * @throws UsageException when the output cannot be created there (missing folder, an input file) or the CRS
         *         cannot be expressed as GeoTIFF keys
         */
        public GeoTiffSink build() {
            if (width <= 0 || height <= 0) throw new IllegalArgumentException("size must be positive: " + width + " x " + height);
            if (bands <= 0 || bands > 65535) throw new IllegalArgumentException("band count out of range: " + bands);
            if (tileSize < 16 || tileSize % 16 != 0) throw new IllegalArgumentException("tile size must be a multiple of 16: " + tileSize);
            if (deflateLevel < 1 || deflateLevel > 9) throw new IllegalArgumentException("deflate level must be 1..9: " + deflateLevel);
            if (descriptions == null) descriptions = Collections.nCopies(bands, "");
            if (descriptions.size() != bands)
                throw new IllegalArgumentException(descriptions.size() + " band descriptions for " + bands + " bands");
            if (palette != null && (dataType != DataType.UINT8 || bands != 1 || palette.length > 256))
                throw new IllegalArgumentException("a palette needs a single uint8 band and at most 256 colours");
            if (rgb && (bands < 3 || palette != null))
                throw new IllegalArgumentException("RGB needs at least 3 bands and no palette");
            GeoKeys keys;
            try {
                keys = georeference.crs().map(GeoKeys::encode).orElse(null);
            } catch (IllegalArgumentException e) {
                throw new UsageException(target, e.getMessage(), e);
            }
            boolean big = forceBigTiff || mayExceedClassic();
            AtomicOutput out = AtomicOutput.create(target);
            FileChannel ch = null;
            try {
                ch = FileChannel.open(out.temp(), StandardOpenOption.WRITE);
                GeoTiffSink sink = new GeoTiffSink(this, keys, out, ch, big);
                sink.writeHeader();
                return sink;
            } catch (IOException e) {
                abandon(ch, out);
                throw new UsageException(target, "cannot write output: " + e.getMessage(), e);
            } catch (OutOfMemoryError e) {
                abandon(ch, out);
                throw org.aerolux.core.HeapMemoryException.of(target, "allocating one row of " + tileSize + "-pixel output tiles", e);
            } catch (RuntimeException e) {
                abandon(ch, out);
                throw e;
            }
        }

        private static void abandon(FileChannel ch, AtomicOutput out) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // deleted next
                }
            }
            out.close();
        }

        /** Worst case size: raw pixels, Deflate's worst expansion, tile tables and metadata. */
        private boolean mayExceedClassic() {
            long raw = (long) width * height * bands * dataType.bytes();
            long tiles = (long) ((width + tileSize - 1) / tileSize) * ((height + tileSize - 1) / tileSize);
            long worst = raw + raw / 1000 + tiles * 64 + (1 << 20);
            return worst > CLASSIC_LIMIT;
        }
    }

    /** True when this file is written as BigTIFF. */
    public boolean isBigTiff() { return bigTiff; }

    /** The final path the file will have after {@link #commit()}. */
    public Path target() { return output.target(); }

    @Override
    public long rowsWritten() { return rowsWritten; }

    /**
     * Appends the next rows: a full-width block laid out [x, y, band] (or [x, y] for one band) whose min y is the
     * next row to write.
     */
    @Override
    public void write(RandomAccessibleInterval<? extends RealType<?>> rows) {
        ensureOpen();
        int nd = rows.numDimensions();
        if (nd != 2 && nd != 3) throw new IllegalArgumentException("rows must be [x, y] or [x, y, band], got " + nd + " dimensions");
        long bandDim = nd == 3 ? rows.dimension(2) : 1;
        if (rows.min(0) != 0 || rows.dimension(0) != spec.width)
            throw new IllegalArgumentException("rows must span x 0.." + (spec.width - 1) + ", got " + rows.min(0) + ".." + rows.max(0));
        if (bandDim != spec.bands) throw new IllegalArgumentException("rows have " + bandDim + " bands, the image " + spec.bands);
        if (rows.min(1) != rowsWritten)
            throw new IllegalArgumentException("rows must start at y " + rowsWritten + ", got " + rows.min(1));
        if (rows.max(1) >= spec.height)
            throw new IllegalArgumentException("rows end at y " + rows.max(1) + ", the image has " + spec.height);
        Object array = directArray(rows);
        long y = rows.min(1);
        while (y <= rows.max(1)) {
            int rowInTile = rowsWritten % tile;
            long last = Math.min(rows.max(1), y + (tile - rowInTile) - 1);
            if (array != null) {
                fillFromArray(array, (int) rows.dimension(1), (int) (y - rows.min(1)), rowInTile, (int) (last - y + 1));
            } else {
                fill(slice(rows, nd, y, last), rowInTile, (int) (last - y + 1));
            }
            rowsWritten += (int) (last - y + 1);
            if (rowsWritten % tile == 0 || rowsWritten == spec.height) flushTileRow();
            y = last + 1;
        }
    }

    /** Writes the image directory, patches the header and moves the file to its final name. */
    @Override
    public void commit() {
        ensureOpen();
        if (rowsWritten != spec.height)
            throw new IllegalStateException(output.target() + ": only " + rowsWritten + " of " + spec.height + " rows written");
        try {
            long ifdOffset = IfdWriter.align(position);
            byte[] ifd = directory().toBytes(ifdOffset);
            if (!bigTiff && ifdOffset + ifd.length > CLASSIC_LIMIT)
                throw new IllegalStateException("classic TIFF cannot hold " + (ifdOffset + ifd.length) + " bytes");
            writeAt(ByteBuffer.wrap(new byte[(int) (ifdOffset - position)]), position);
            writeAt(ByteBuffer.wrap(ifd), ifdOffset);
            ByteBuffer ptr = ByteBuffer.allocate(bigTiff ? 8 : 4).order(ByteOrder.LITTLE_ENDIAN);
            if (bigTiff) ptr.putLong(ifdOffset);
            else ptr.putInt((int) ifdOffset);
            ptr.flip();
            writeAt(ptr, bigTiff ? 8 : 4);
            channel.close();
        } catch (IOException e) {
            throw new UsageException(output.target(), "cannot write output: " + e.getMessage(), e);
        }
        output.commit();
        committed = true;
    }

    /** Closes the file; without a successful commit the temporary file is deleted and nothing remains. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // deleting it anyway
        }
        output.close();
    }

    private void ensureOpen() {
        if (closed || committed) throw new IllegalStateException("sink already " + (committed ? "committed" : "closed") + ": " + output.target());
    }

    private static RandomAccessibleInterval<? extends RealType<?>> slice(RandomAccessibleInterval<? extends RealType<?>> rows,
                                                                         int nd, long y0, long y1) {
        if (rows.min(1) == y0 && rows.max(1) == y1) return rows;
        long[] min = new long[nd], max = new long[nd];
        rows.min(min);
        rows.max(max);
        min[1] = y0;
        max[1] = y1;
        return Views.interval(rows, min, max);
    }

    /** The primitive array behind the block when its type is exactly the file's type, else null. */
    private Object directArray(RandomAccessibleInterval<? extends RealType<?>> rows) {
        Object type = rows.getType();
        DataType t = spec.dataType;
        boolean matches = (t == DataType.UINT8 && type instanceof UnsignedByteType) || (t == DataType.INT8 && type instanceof ByteType)
                || (t == DataType.UINT16 && type instanceof UnsignedShortType) || (t == DataType.INT16 && type instanceof ShortType)
                || (t == DataType.FLOAT32 && type instanceof FloatType);
        return matches ? ArrayBlocks.array(rows) : null;
    }

    /**
     * Copies rows {@code [yInBlock, yInBlock + rows)} of a block held in a primitive array (x fastest, then y over
     * {@code blockHeight} rows, then band) into the tile row buffer, bits unchanged.
     */
    private void fillFromArray(Object array, int blockHeight, int yInBlock, int firstRowInTile, int rows) {
        int w = spec.width, bands = spec.bands, step = bands * bytesPerSample;
        for (int b = 0; b < bands; b++) {
            for (int r = 0; r < rows; r++) {
                int s = w * (yInBlock + r + blockHeight * b);
                for (int t = 0; t < tilesAcross; t++) {
                    byte[] a = rowOfTiles[t];
                    int n = Math.min(tile, w - t * tile);
                    int i = ((firstRowInTile + r) * tile * bands + b) * bytesPerSample;
                    if (array instanceof byte[] src) {
                        if (bands == 1) System.arraycopy(src, s, a, i, n);
                        else for (int k = 0; k < n; k++, i += step) a[i] = src[s + k];
                    } else if (array instanceof short[] src) {
                        for (int k = 0; k < n; k++, i += step) {
                            short v = src[s + k];
                            a[i] = (byte) v;
                            a[i + 1] = (byte) (v >> 8);
                        }
                    } else {
                        float[] src = (float[]) array;
                        for (int k = 0; k < n; k++, i += step) putInt(a, i, Float.floatToIntBits(src[s + k]));
                    }
                    s += n;
                }
            }
        }
    }

    /** Converts the slice's samples (x fastest, then y, then band) into the tile row buffer. */
    @SuppressWarnings("unchecked")
    private void fill(RandomAccessibleInterval<? extends RealType<?>> slice, int firstRowInTile, int rows) {
        Object type = slice.getType();
        DataType t = spec.dataType;
        if ((t == DataType.UINT8 && type instanceof UnsignedByteType) || (t == DataType.INT8 && type instanceof ByteType)) {
            fillBytes(Views.flatIterable((RandomAccessibleInterval<GenericByteType<?>>) slice).cursor(), firstRowInTile, rows);
        } else if ((t == DataType.UINT16 && type instanceof UnsignedShortType) || (t == DataType.INT16 && type instanceof ShortType)) {
            fillShorts(Views.flatIterable((RandomAccessibleInterval<GenericShortType<?>>) slice).cursor(), firstRowInTile, rows);
        } else if (t == DataType.FLOAT32 && type instanceof FloatType) {
            fillFloats(Views.flatIterable((RandomAccessibleInterval<FloatType>) slice).cursor(), firstRowInTile, rows);
        } else {
            Cursor<? extends RealType<?>> c = Views.flatIterable(slice).cursor();
            for (int b = 0; b < spec.bands; b++) {
                for (int r = 0; r < rows; r++) {
                    for (int x = 0; x < spec.width; x++) rowValues[x] = c.next().getRealDouble();
                    encodeRow(b, firstRowInTile + r);
                }
            }
        }
    }

    // Direct paths for samples already of the file's type (a copy, or a pipeline writing its own type): the bits
    // go straight into the tiles, without the rounding and clamping of the general path.

    private void fillBytes(Cursor<? extends GenericByteType<?>> c, int firstRowInTile, int rows) {
        int step = spec.bands;
        for (int b = 0; b < spec.bands; b++)
            for (int r = 0; r < rows; r++)
                for (int t = 0; t < tilesAcross; t++) {
                    byte[] a = rowOfTiles[t];
                    int n = Math.min(tile, spec.width - t * tile);
                    int i = (firstRowInTile + r) * tile * spec.bands + b;
                    for (int k = 0; k < n; k++, i += step) a[i] = c.next().getByte();
                }
    }

    private void fillShorts(Cursor<? extends GenericShortType<?>> c, int firstRowInTile, int rows) {
        int step = spec.bands * 2;
        for (int b = 0; b < spec.bands; b++)
            for (int r = 0; r < rows; r++)
                for (int t = 0; t < tilesAcross; t++) {
                    byte[] a = rowOfTiles[t];
                    int n = Math.min(tile, spec.width - t * tile);
                    int i = ((firstRowInTile + r) * tile * spec.bands + b) * 2;
                    for (int k = 0; k < n; k++, i += step) {
                        short v = c.next().getShort();
                        a[i] = (byte) v;
                        a[i + 1] = (byte) (v >> 8);
                    }
                }
    }

    private void fillFloats(Cursor<FloatType> c, int firstRowInTile, int rows) {
        int step = spec.bands * 4;
        for (int b = 0; b < spec.bands; b++)
            for (int r = 0; r < rows; r++)
                for (int t = 0; t < tilesAcross; t++) {
                    byte[] a = rowOfTiles[t];
                    int n = Math.min(tile, spec.width - t * tile);
                    int i = ((firstRowInTile + r) * tile * spec.bands + b) * 4;
                    for (int k = 0; k < n; k++, i += step) putInt(a, i, Float.floatToIntBits(c.next().get()));
                }
    }

    private void encodeRow(int band, int rowInTile) {
        int step = spec.bands * bytesPerSample;
        for (int t = 0; t < tilesAcross; t++) {
            byte[] a = rowOfTiles[t];
            int x0 = t * tile;
            int n = Math.min(tile, spec.width - x0);
            int i = (rowInTile * tile * spec.bands + band) * bytesPerSample;
            switch (spec.dataType) {
                case UINT8, INT8 -> {
                    for (int k = 0; k < n; k++, i += step) a[i] = (byte) toLong(rowValues[x0 + k]);
                }
                case UINT16, INT16 -> {
                    for (int k = 0; k < n; k++, i += step) {
                        long v = toLong(rowValues[x0 + k]);
                        a[i] = (byte) v;
                        a[i + 1] = (byte) (v >> 8);
                    }
                }
                case UINT32, INT32 -> {
                    for (int k = 0; k < n; k++, i += step) putInt(a, i, (int) toLong(rowValues[x0 + k]));
                }
                case FLOAT32 -> {
                    for (int k = 0; k < n; k++, i += step) putInt(a, i, Float.floatToIntBits((float) rowValues[x0 + k]));
                }
                case FLOAT64 -> {
                    for (int k = 0; k < n; k++, i += step) {
                        long v = Double.doubleToLongBits(rowValues[x0 + k]);
                        putInt(a, i, (int) v);
                        putInt(a, i + 4, (int) (v >>> 32));
                    }
                }
            }
        }
    }

    /** Rounds (halves up) and clamps to the integer type; NaN becomes nodata (when the type holds it) or 0. */
    private long toLong(double v) {
        if (Double.isNaN(v)) v = integerNanFill;
        double r = Math.floor(v + 0.5);
        DataType t = spec.dataType;
        if (r < t.min()) r = t.min();
        else if (r > t.max()) r = t.max();
        return (long) r;
    }

    private static void putInt(byte[] a, int i, int v) {
        a[i] = (byte) v;
        a[i + 1] = (byte) (v >> 8);
        a[i + 2] = (byte) (v >> 16);
        a[i + 3] = (byte) (v >> 24);
    }

    /** Compresses the buffered row of tiles in parallel and appends them in order. */
    private void flushTileRow() {
        int tileRow = (rowsWritten - 1) / tile;
        int valid = rowsWritten - tileRow * tile;
        if (valid < tile) { // last, partial row of tiles: clear what the previous row left below the image
            int from = valid * tile * spec.bands * bytesPerSample;
            for (byte[] a : rowOfTiles) Arrays.fill(a, from, a.length, (byte) 0);
        }
        byte[][] compressed = IntStream.range(0, tilesAcross).parallel()
                .mapToObj(t -> {
                    org.aerolux.core.pipeline.FaultInjection.at("compress");
                    return deflate(rowOfTiles[t], spec.deflateLevel);
                }).toArray(byte[][]::new);
        try {
            for (int t = 0; t < tilesAcross; t++) {
                int index = tileRow * tilesAcross + t;
                byte[] data = compressed[t];
                if (!bigTiff && position + data.length > CLASSIC_LIMIT)
                    throw new IllegalStateException("classic TIFF overflow; BigTIFF should have been chosen");
                tileOffsets[index] = position;
                tileByteCounts[index] = data.length;
                writeAt(ByteBuffer.wrap(data), position);
                position += data.length;
            }
        } catch (IOException e) {
            throw new UsageException(output.target(), "cannot write output: " + e.getMessage(), e);
        }
        if (valid == tile) for (byte[] a : rowOfTiles) Arrays.fill(a, (byte) 0);
    }

    private static byte[] deflate(byte[] data, int level) {
        Deflater d = new Deflater(level);
        try {
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
            byte[] buf = new byte[64 * 1024];
            while (!d.finished()) {
                int n = d.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private void writeHeader() throws IOException {
        ByteBuffer h = ByteBuffer.allocate(bigTiff ? 16 : 8).order(ByteOrder.LITTLE_ENDIAN);
        h.put((byte) 'I').put((byte) 'I');
        if (bigTiff) h.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(0);
        else h.putShort((short) 42).putInt(0);
        h.flip();
        writeAt(h, 0);
        position = h.capacity();
    }

    private void writeAt(ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) pos += channel.write(buf, pos);
    }

    private IfdWriter directory() {
        int bands = spec.bands;
        int[] bits = new int[bands], formats = new int[bands];
        Arrays.fill(bits, spec.dataType.bits());
        Arrays.fill(formats, spec.dataType.isFloating() ? SAMPLE_FORMAT_FLOAT
                : spec.dataType.isSigned() ? SAMPLE_FORMAT_INT : SAMPLE_FORMAT_UINT);
        int photometric = spec.palette != null ? PHOTOMETRIC_PALETTE : spec.rgb ? PHOTOMETRIC_RGB : PHOTOMETRIC_MIN_IS_BLACK;
        int colorChannels = photometric == PHOTOMETRIC_RGB ? 3 : 1;
        IfdWriter w = new IfdWriter(bigTiff)
                .longs(IMAGE_WIDTH, false, spec.width)
                .longs(IMAGE_LENGTH, false, spec.height)
                .shorts(BITS_PER_SAMPLE, bits)
                .shorts(COMPRESSION, COMPRESSION_DEFLATE)
                .shorts(PHOTOMETRIC, photometric)
                .shorts(SAMPLES_PER_PIXEL, bands)
                .shorts(PLANAR_CONFIGURATION, 1)
                .longs(TILE_WIDTH, false, tile)
                .longs(TILE_LENGTH, false, tile)
                .longs(TILE_OFFSETS, true, tileOffsets)
                .longs(TILE_BYTE_COUNTS, true, tileByteCounts)
                .shorts(SAMPLE_FORMAT, formats);
        if (bands > colorChannels) w.shorts(EXTRA_SAMPLES, new int[bands - colorChannels]);
        if (spec.palette != null) w.shorts(COLOR_MAP, colorMap(spec.palette));
        spec.georeference.transform().ifPresent(a -> writeTransform(w, a));
        if (keys != null) {
            w.shorts(GEO_KEY_DIRECTORY, keys.directory());
            if (keys.doubles().length > 0) w.doubles(GEO_DOUBLE_PARAMS, keys.doubles());
            if (!keys.ascii().isEmpty()) w.ascii(GEO_ASCII_PARAMS, keys.ascii());
        }
        String xml = GdalTags.descriptionsXml(spec.descriptions);
        if (xml != null) w.ascii(GDAL_METADATA, xml);
        if (spec.nodata.isPresent()) w.ascii(GDAL_NODATA, GdalTags.formatNodata(spec.nodata.getAsDouble()));
        return w;
    }

    /** North-up grids as pixel scale + tie point (what most readers expect), any other grid as a full matrix. */
    private static void writeTransform(IfdWriter w, Affine a) {
        if (!a.isRotated() && a.pixelWidth() > 0 && a.pixelHeight() < 0) {
            w.doubles(MODEL_PIXEL_SCALE, a.pixelWidth(), -a.pixelHeight(), 0);
            w.doubles(MODEL_TIEPOINT, 0, 0, 0, a.originX(), a.originY(), 0);
        } else {
            w.doubles(MODEL_TRANSFORMATION,
                    a.pixelWidth(), a.rowRotation(), 0, a.originX(),
                    a.columnRotation(), a.pixelHeight(), 0, a.originY(),
                    0, 0, 0, 0,
                    0, 0, 0, 1);
        }
    }

    /** TIFF ColorMap: all reds, then greens, then blues, 16 bits each, 256 entries. */
    private static int[] colorMap(int[] rgb) {
        int[] map = new int[3 * 256];
        for (int i = 0; i < rgb.length; i++) {
            map[i] = ((rgb[i] >> 16) & 0xFF) * 257;
            map[256 + i] = ((rgb[i] >> 8) & 0xFF) * 257;
            map[512 + i] = (rgb[i] & 0xFF) * 257;
        }
        return map;
    }
}
