package org.aerolux.core.raster;

import static org.aerolux.core.raster.TiffTags.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.aerolux.core.BadInputException;

/**
 * The first image directory (IFD) of a TIFF or BigTIFF file, read directly from the bytes and checked against the
 * file size: it lets {@link GeoTiffSource} fail fast, with a precise message, on empty, foreign, truncated or
 * zero-size files before any decoder sees them. Only the fields AeroLux needs are interpreted.
 */
final class TiffDirectory {
    /**
     * Compression codes decoded without native libraries, and checked against GDAL: none, LZW, JPEG, Deflate (both
     * codes), PackBits, ZSTD (through aircompressor, which the GeoTools bundle carries), by imageio-ext's decoders
     * with predictors undone by {@link PredictedDecompressor}. Refused: LERC, WebP, LZMA, JPEG XL and other codes
     * (no maintained pure-Java decoder on the classpath); the CCITT codes, which are for 1-bit images (not read);
     * old-style JPEG (6), which GDAL no longer writes and no test here can produce.
     */
    private static final Set<Integer> DECODABLE = Set.of(1, 5, 7, 8, 32773, 32946, 50000);

    private final Path file;
    private final long fileSize;
    private final boolean bigTiff;
    private final Map<Integer, long[]> numbers;
    private final Map<Integer, String> strings;

    final int width;
    final int height;
    final int samplesPerPixel;
    final DataType dataType;
    final int compression;
    final int photometric;
    final int planarConfiguration;
    final int predictor;
    final boolean tiled;
    final int blockWidth;
    final int blockHeight;

    private TiffDirectory(Path file, long fileSize, boolean bigTiff, Fields fields) {
        this.file = file;
        this.fileSize = fileSize;
        this.bigTiff = bigTiff;
        this.numbers = fields.numbers;
        this.strings = fields.strings;
        long w = required(IMAGE_WIDTH, "ImageWidth");
        long h = required(IMAGE_LENGTH, "ImageLength");
        if (w <= 0 || h <= 0) throw bad("zero-size image (" + w + " x " + h + " pixels)");
        if (w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) throw bad("image too large (" + w + " x " + h + " pixels)");
        width = (int) w;
        height = (int) h;
        samplesPerPixel = (int) first(SAMPLES_PER_PIXEL, 1);
        if (samplesPerPixel <= 0) throw bad("corrupt: SamplesPerPixel is " + samplesPerPixel);
        compression = (int) first(COMPRESSION, COMPRESSION_NONE);
        photometric = (int) first(PHOTOMETRIC, PHOTOMETRIC_MIN_IS_BLACK);
        planarConfiguration = (int) first(PLANAR_CONFIGURATION, 1);
        predictor = (int) first(PREDICTOR, 1);
        dataType = dataType();
        if (!DECODABLE.contains(compression))
            throw bad("unsupported TIFF compression " + compressionName(compression));
        checkPredictor();
        checkPhotometric();
        tiled = numbers.containsKey(TILE_OFFSETS);
        if (tiled) {
            blockWidth = (int) required(TILE_WIDTH, "TileWidth");
            blockHeight = (int) required(TILE_LENGTH, "TileLength");
        } else {
            blockWidth = width;
            blockHeight = (int) Math.min(first(ROWS_PER_STRIP, height), height);
        }
        if (blockWidth <= 0 || blockHeight <= 0) throw bad("corrupt: block size " + blockWidth + " x " + blockHeight);
        checkBlocks();
    }

    /**
     * As libtiff: a predictor belongs to the LZW, Deflate and ZSTD codecs (others ignore the tag); horizontal
     * differencing takes any of the sample types read here, the floating-point predictor floating-point samples only.
     */
    private void checkPredictor() {
        if (predictor == Predictors.NONE || !PredictedDecompressor.appliesTo(compression)) return;
        if (predictor == Predictors.FLOATING_POINT && !dataType.isFloating())
            throw bad("unsupported TIFF predictor 3 (floating point) on " + dataType.gdalName() + " samples, with "
                    + compressionName(compression) + " compression");
        if (predictor != Predictors.HORIZONTAL && predictor != Predictors.FLOATING_POINT)
            throw bad("unsupported TIFF predictor " + predictor + ", with " + compressionName(compression) + " compression");
    }

    /**
     * Photometric interpretations whose samples are read as stored, as GDAL reads them: grey (either polarity: GDAL
     * does not invert MINISWHITE), RGB, palette, and YCbCr inside JPEG (decoded to RGB, as GDAL does). Refused:
     * CMYK, which GDAL converts to RGBA on reading, YCbCr outside JPEG (GDAL writes none), CIE/ICC/ITU Lab, LogLuv.
     */
    private void checkPhotometric() {
        switch (photometric) {
            case 0, 1, 2, 3 -> { }
            case 6 -> {
                if (compression != 7)
                    throw bad("unsupported TIFF photometric interpretation YCbCr with " + compressionName(compression)
                            + " compression (only YCbCr JPEG is read)");
            }
            case 5 -> throw bad("unsupported TIFF photometric interpretation CMYK (GDAL reads it as RGBA: convert it"
                    + " first, e.g. gdal_translate in.tif rgba.tif)");
            default -> throw bad("unsupported TIFF photometric interpretation " + switch (photometric) {
                case 4 -> "transparency mask";
                case 8 -> "CIE L*a*b*";
                case 9 -> "ICC L*a*b*";
                case 10 -> "ITU L*a*b*";
                case 32844 -> "LogL";
                case 32845 -> "LogLuv";
                case 32803 -> "CFA";
                case 34892 -> "LinearRaw";
                default -> "code " + photometric;
            });
        }
    }

    /** The raw fields of one directory: numbers (integers as is, floating point as raw bits) and ASCII text. */
    private static final class Fields {
        final Map<Integer, long[]> numbers = new HashMap<>();
        final Map<Integer, String> strings = new HashMap<>();
    }

    /** Reads and checks the first directory; every problem is a {@link BadInputException} naming the file. */
    static TiffDirectory read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) throw new BadInputException(file, "empty file (0 bytes)");
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(16, size));
            readFully(ch, head, 0, file, size);
            head.flip();
            if (!isTiffMagic(head)) throw new BadInputException(file, "not a TIFF file");
            if (head.remaining() < 8) throw new BadInputException(file, "truncated: the TIFF header is cut short");
            ByteOrder order = head.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            head.order(order);
            int version = head.getShort(2) & 0xFFFF;
            boolean big = version == 43;
            if (version != 42 && !big) throw new BadInputException(file, "not a TIFF file (version " + version + ")");
            if (big && head.remaining() < 16) throw new BadInputException(file, "truncated: BigTIFF header cut short");
            long ifd = big ? head.getLong(8) : head.getInt(4) & 0xFFFFFFFFL;
            Fields fields = parse(ch, order, ifd, file, size, big);
            return new TiffDirectory(file, size, big, fields);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** True when the file starts with a TIFF or BigTIFF signature (false when it cannot be read). */
    static boolean hasTiffMagic(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(4);
            while (head.hasRemaining() && ch.read(head) >= 0) { /* fill */ }
            head.flip();
            return isTiffMagic(head);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** True when the first bytes are a TIFF or BigTIFF signature. */
    static boolean isTiffMagic(ByteBuffer head) {
        if (head.limit() < 4) return false;
        byte a = head.get(0), b = head.get(1);
        if (a == 'I' && b == 'I') return (head.get(2) == 42 || head.get(2) == 43) && head.get(3) == 0;
        if (a == 'M' && b == 'M') return head.get(2) == 0 && (head.get(3) == 42 || head.get(3) == 43);
        return false;
    }

    private static Fields parse(FileChannel ch, ByteOrder order, long ifd, Path file, long fileSize, boolean bigTiff)
            throws IOException {
        Fields fields = new Fields();
        if (ifd < 8 || ifd >= fileSize)
            throw new BadInputException(file, "truncated: the image directory at byte " + ifd + " is beyond the end of the file ("
                    + fileSize + " bytes)");
        int countSize = bigTiff ? 8 : 2;
        int entrySize = bigTiff ? 20 : 12;
        ByteBuffer cnt = ByteBuffer.allocate(countSize).order(order);
        readFully(ch, cnt, ifd, file, fileSize);
        long n = bigTiff ? cnt.getLong(0) : cnt.getShort(0) & 0xFFFF;
        if (n <= 0 || n > 4096) throw new BadInputException(file, "corrupt: the image directory claims " + n + " entries");
        long bytes = n * entrySize;
        if (ifd + countSize + bytes > fileSize)
            throw new BadInputException(file, "truncated: the image directory ends beyond the end of the file (" + fileSize + " bytes)");
        ByteBuffer entries = ByteBuffer.allocate((int) bytes).order(order);
        readFully(ch, entries, ifd + countSize, file, fileSize);
        for (int i = 0; i < n; i++) {
            int base = i * entrySize;
            int tag = entries.getShort(base) & 0xFFFF;
            int type = entries.getShort(base + 2) & 0xFFFF;
            long count = bigTiff ? entries.getLong(base + 4) : entries.getInt(base + 4) & 0xFFFFFFFFL;
            int tsize = typeSize(type);
            if (tsize == 0) continue; // unknown field type: skip, as the TIFF spec asks
            long valueBytes = count * tsize;
            if (count < 0 || valueBytes < 0 || valueBytes > fileSize)
                throw new BadInputException(file, "truncated: tag " + tag + " holds more values than the file has bytes");
            int inline = bigTiff ? 8 : 4;
            ByteBuffer value;
            if (valueBytes <= inline) {
                value = entries.duplicate().order(order);
                value.position(base + (bigTiff ? 12 : 8));
                value = value.slice().order(order);
                value.limit((int) valueBytes);
            } else {
                long offset = bigTiff ? entries.getLong(base + 12) : entries.getInt(base + 8) & 0xFFFFFFFFL;
                if (offset < 0 || offset + valueBytes > fileSize)
                    throw new BadInputException(file, "truncated: the values of tag " + tag + " end beyond the end of the file ("
                            + fileSize + " bytes)");
                if (valueBytes > 256L * 1024 * 1024) throw new BadInputException(file, "corrupt: tag " + tag + " is " + valueBytes + " bytes");
                value = ByteBuffer.allocate((int) valueBytes).order(order);
                readFully(ch, value, offset, file, fileSize);
            }
            store(fields, tag, type, (int) count, value);
        }
        return fields;
    }

    private static void store(Fields fields, int tag, int type, int count, ByteBuffer v) {
        if (type == ASCII) {
            byte[] b = new byte[count];
            v.get(0, b);
            int end = 0;
            while (end < b.length && b[end] != 0) end++;
            fields.strings.put(tag, new String(b, 0, end, StandardCharsets.UTF_8));
            return;
        }
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = switch (type) {
                case BYTE, UNDEFINED -> v.get(i) & 0xFF;
                case SBYTE -> v.get(i);
                case SHORT -> v.getShort(2 * i) & 0xFFFF;
                case SSHORT -> v.getShort(2 * i);
                case LONG, IFD -> v.getInt(4 * i) & 0xFFFFFFFFL;
                case SLONG -> v.getInt(4 * i);
                case LONG8, SLONG8, IFD8 -> v.getLong(8 * i);
                case FLOAT -> Double.doubleToRawLongBits(v.getFloat(4 * i));
                case DOUBLE -> v.getLong(8 * i);
                default -> 0; // rationals are not needed
            };
        }
        fields.numbers.put(tag, out);
    }

    private DataType dataType() {
        long[] bits = numbers.get(BITS_PER_SAMPLE), formats = numbers.get(SAMPLE_FORMAT);
        if (bits == null || bits.length == 0) bits = new long[] {1}; // a field with no values counts as absent
        if (formats == null || formats.length == 0) formats = new long[] {SAMPLE_FORMAT_UINT};
        long b = bits[0];
        long f = formats[0];
        for (long x : bits) if (x != b) throw bad("unsupported: bands of different bit depths");
        for (long x : formats) if (x != f) throw bad("unsupported: bands of different sample formats");
        DataType t = null;
        if (f == SAMPLE_FORMAT_UINT) t = b == 8 ? DataType.UINT8 : b == 16 ? DataType.UINT16 : b == 32 ? DataType.UINT32 : null;
        else if (f == SAMPLE_FORMAT_INT) t = b == 8 ? DataType.INT8 : b == 16 ? DataType.INT16 : b == 32 ? DataType.INT32 : null;
        else if (f == SAMPLE_FORMAT_FLOAT) t = b == 32 ? DataType.FLOAT32 : b == 64 ? DataType.FLOAT64 : null;
        if (t == null) {
            String kind = f == SAMPLE_FORMAT_UINT ? "unsigned integer" : f == SAMPLE_FORMAT_INT ? "signed integer"
                    : f == SAMPLE_FORMAT_FLOAT ? "floating point" : "sample format " + f;
            throw bad("unsupported pixel type: " + b + "-bit " + kind);
        }
        return t;
    }

    private void checkBlocks() {
        long across = (width + (long) blockWidth - 1) / blockWidth;
        long down = (height + (long) blockHeight - 1) / blockHeight;
        long expected = across * down * (planarConfiguration == 2 ? samplesPerPixel : 1);
        String what = tiled ? "tile" : "strip";
        long[] offsets = numbers.get(tiled ? TILE_OFFSETS : STRIP_OFFSETS);
        long[] counts = numbers.get(tiled ? TILE_BYTE_COUNTS : STRIP_BYTE_COUNTS);
        if (offsets == null) throw bad("corrupt: no " + what + " offsets");
        if (counts == null) throw bad("corrupt: no " + what + " byte counts");
        if (offsets.length < expected || counts.length < expected)
            throw bad("truncated: " + Math.min(offsets.length, counts.length) + " " + what + "s listed, "
                    + expected + " needed");
        long samples = planarConfiguration == 2 ? 1 : samplesPerPixel;
        long blockBytes = (long) blockWidth * blockHeight * samples * dataType.bytes();
        for (int i = 0; i < expected; i++) {
            long end = offsets[i] + counts[i];
            if (counts[i] < 0 || offsets[i] < 0 || (counts[i] > 0 && end > fileSize))
                throw bad("truncated: " + what + " " + i + " ends at byte " + end + " but the file has "
                        + fileSize + " bytes");
            boolean leftOut = offsets[i] == 0 && counts[i] == 0; // a sparse file's empty block
            if (compression == COMPRESSION_NONE && !leftOut && counts[i] < uncompressedBytes(i, samples))
                throw bad("truncated: the image claims " + width + " x " + height + " pixels, but uncompressed " + what + " " + i
                        + " holds " + counts[i] + " bytes of the " + uncompressedBytes(i, samples) + " its pixels need");
        }
        if (blockBytes > Integer.MAX_VALUE)
            throw bad("unsupported: the image (" + width + " x " + height + " pixels) is stored in " + what + "s of "
                    + blockWidth + " x " + blockHeight + " pixels, too large to decode (over 2 GB each); retile it,"
                    + " e.g. gdal_translate -co TILED=YES");
    }

    /** Bytes of uncompressed block i (a strip's last rows may be fewer; tiles are always whole). */
    private long uncompressedBytes(int i, long samples) {
        long rows = blockHeight;
        if (!tiled) {
            long down = (height + (long) blockHeight - 1) / blockHeight;
            long row = (i % down) * blockHeight;
            rows = Math.min(blockHeight, height - row);
        }
        return (long) blockWidth * rows * samples * dataType.bytes();
    }

    private long required(int tag, String name) {
        long[] v = numbers.get(tag);
        if (v == null || v.length == 0) throw bad("not a valid TIFF image: no " + name);
        return v[0];
    }

    private long first(int tag, long fallback) {
        long[] v = numbers.get(tag);
        return v == null || v.length == 0 ? fallback : v[0];
    }

    /** An ASCII field, or null. */
    String string(int tag) { return strings.get(tag); }

    /** True when the directory has the field. */
    boolean has(int tag) { return numbers.containsKey(tag) || strings.containsKey(tag); }

    /** A numeric field's values (integers as is), or null. */
    long[] values(int tag) { return numbers.get(tag); }

    /** The TIFF ColorMap as 0xRRGGBB entries, or null. */
    int[] palette() {
        long[] map = numbers.get(COLOR_MAP);
        if (map == null || map.length % 3 != 0) return null;
        int n = map.length / 3;
        int[] rgb = new int[n];
        for (int i = 0; i < n; i++) {
            int r = (int) (map[i] >> 8) & 0xFF, g = (int) (map[n + i] >> 8) & 0xFF, b = (int) (map[2 * n + i] >> 8) & 0xFF;
            rgb[i] = r << 16 | g << 8 | b;
        }
        return rgb;
    }

    boolean isBigTiff() { return bigTiff; }

    private BadInputException bad(String problem) { return new BadInputException(file, problem); }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos, Path file, long size) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) throw new BadInputException(file, "truncated: the file ends at byte " + size);
            pos += n;
        }
    }
}
