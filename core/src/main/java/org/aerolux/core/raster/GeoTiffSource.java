package org.aerolux.core.raster;

import it.geosolutions.imageio.plugins.tiff.TIFFDecompressor;
import it.geosolutions.imageio.plugins.tiff.TIFFImageReadParam;
import it.geosolutions.imageio.stream.input.FileImageInputStreamExtImpl;
import it.geosolutions.imageioimpl.plugins.tiff.TIFFImageReader;
import java.awt.Rectangle;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferDouble;
import java.awt.image.DataBufferFloat;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferShort;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.imageio.ImageReadParam;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import net.imglib2.Interval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.aerolux.core.BadInputException;
import org.aerolux.core.io.OpenInputs;

/**
 * A GeoTIFF (or plain TIFF) opened for windowed reading. Opening reads the structure and metadata only (size,
 * bands, type, CRS, transform, nodata, band descriptions) and checks the structure against the file size; pixels
 * are decoded on demand, window by window, through imageio-ext's TIFF reader, which decodes only the strips or
 * tiles a window touches. Striped and tiled, pixel- and band-interleaved, 8/16/32-bit integer and 32/64-bit float
 * files are read, uncompressed or LZW, Deflate, ZSTD, PackBits or JPEG, with predictors 2 and 3, and give GDAL's
 * samples, nodata and CRS (see the package map for where imageio-ext is corrected); anything else is refused when
 * opened. Reads are serialised (one decoder per source); open one source per thread for parallel reads.
 */
public final class GeoTiffSource implements RasterSource {
    private final Path file;
    private final TiffDirectory dir;
    private final RasterInfo info;
    private final ImageInputStream stream;
    private final TIFFImageReader reader;
    private final OpenInputs.Handle registration;
    private boolean closed;

    private GeoTiffSource(Path file, TiffDirectory dir, RasterInfo info, ImageInputStream stream,
                          TIFFImageReader reader, OpenInputs.Handle registration) {
        this.file = file;
        this.dir = dir;
        this.info = info;
        this.stream = stream;
        this.reader = reader;
        this.registration = registration;
    }

    /**
     * Opens a TIFF file. Fails fast with a {@link BadInputException} naming the file and the problem: missing,
     * empty, not a TIFF, truncated, zero-size, unsupported pixel type or compression, unreadable GeoKeys.
     */
    public static GeoTiffSource open(Path file) {
        if (!Files.exists(file)) throw new BadInputException(file, "file not found");
        if (Files.isDirectory(file)) throw new BadInputException(file, "is a folder, not a file");
        if (!Files.isReadable(file)) throw new BadInputException(file, "file is not readable (permissions)");
        TiffDirectory dir = TiffDirectory.read(file);
        ImageInputStream stream = null;
        TIFFImageReader reader = null;
        OpenInputs.Handle registration = null;
        try {
            stream = new FileImageInputStreamExtImpl(file.toFile());
            OptionalDouble nd = nodata(dir);
            reader = new AsStoredTiffReader(dir.planarConfiguration, AsStoredTiffReader.emptyBlockValue(dir.dataType, nd));
            reader.setInput(stream, false, false);
            if (reader.getWidth(0) != dir.width || reader.getHeight(0) != dir.height)
                throw new BadInputException(file, "corrupt: the decoder sees " + reader.getWidth(0) + " x "
                        + reader.getHeight(0) + " pixels, the directory says " + dir.width + " x " + dir.height);
            IIOMetadata metadata = reader.getImageMetadata(0);
            Georeference geo = GeoTiffGeoreference.read(metadata, dir, file);
            int bands = dir.samplesPerPixel;
            List<OptionalDouble> nodata = Collections.nCopies(bands, nd);
            List<String> descriptions = GdalTags.parseDescriptions(dir.string(TiffTags.GDAL_METADATA), bands);
            RasterInfo info = new RasterInfo(dir.width, dir.height, bands, dir.dataType, geo, nodata, descriptions);
            registration = OpenInputs.register(file);
            return new GeoTiffSource(file, dir, info, stream, reader, registration);
        } catch (BadInputException e) {
            release(stream, reader);
            throw e;
        } catch (IOException | RuntimeException | LinkageError e) {
            release(stream, reader);
            if (registration != null) registration.close();
            throw new BadInputException(file, "cannot read the TIFF structure: " + reason(e), e);
        }
    }

    /**
     * The nodata value as GDAL reports it: the GDAL_NODATA text as is (also when the type cannot hold it), but for
     * float32 rounded to float32, the precision of the samples it is compared with ("0.1" is 0.10000000149011612).
     */
    private static OptionalDouble nodata(TiffDirectory dir) {
        OptionalDouble nd = GdalTags.parseNodata(dir.string(TiffTags.GDAL_NODATA));
        if (nd.isPresent() && dir.dataType == DataType.FLOAT32) return OptionalDouble.of((float) nd.getAsDouble());
        return nd;
    }

    @Override
    public RasterInfo info() { return info; }

    /** The file this source reads. */
    public Path file() { return file; }

    /** True for a tiled file, false for a striped one. */
    public boolean isTiled() { return dir.tiled; }

    /** Width of the file's blocks (tiles; the image width for strips). Windows aligned to blocks read fastest. */
    public int blockWidth() { return dir.blockWidth; }

    /** Height of the file's blocks (tiles, or rows per strip). */
    public int blockHeight() { return dir.blockHeight; }

    /** True when the file is BigTIFF. */
    public boolean isBigTiff() { return dir.isBigTiff(); }

    /** The colour table of a palette image as 0xRRGGBB entries, if the file has one. */
    public Optional<int[]> palette() {
        return dir.photometric == TiffTags.PHOTOMETRIC_PALETTE ? Optional.ofNullable(dir.palette()) : Optional.empty();
    }

    /** True when the file declares its first three bands to be red, green and blue. */
    public boolean isRgb() { return dir.photometric == TiffTags.PHOTOMETRIC_RGB; }

    /** The TIFF compression, e.g. "Deflate", "LZW", "none". */
    public String compression() { return TiffTags.compressionName(dir.compression); }

    /** Reads a window of the given 0-based bands (all bands when none are given) as floats, laid out [x, y, band]. */
    @Override
    public synchronized RandomAccessibleInterval<FloatType> read(Interval window, int... bands) {
        Window w = window(window, bands);
        float[] out = new float[Math.multiplyExact(Math.multiplyExact(w.width, w.height), w.bands.length)];
        Raster raster = decode(w);
        int plane = w.width * w.height;
        for (int i = 0; i < w.bands.length; i++) copyBand(raster, w.destBand[i], out, i * plane, w.width, w.height);
        return Views.translate(ArrayImgs.floats(out, w.width, w.height, w.bands.length), w.x, w.y, 0);
    }

    /**
     * Reads a window in the file's own data type, exactly (no conversion to float), laid out [x, y, band] and
     * positioned at the window's coordinates: {@code UnsignedByteType} for uint8, {@code ShortType} for int16,
     * {@code FloatType} for float32, and so on. Uses a quarter of {@link #read}'s memory for 8-bit data.
     */
    public synchronized RandomAccessibleInterval<? extends RealType<?>> readNative(Interval window, int... bands) {
        Window w = window(window, bands);
        Raster raster = decode(w);
        int plane = w.width * w.height;
        int n = Math.multiplyExact(plane, w.bands.length);
        long[] dims = {w.width, w.height, w.bands.length};
        RandomAccessibleInterval<? extends RealType<?>> img = switch (info.dataType()) {
            case UINT8, INT8 -> {
                byte[] out = new byte[n];
                for (int i = 0; i < w.bands.length; i++) NativeSamples.bytes(raster, w.destBand[i], out, i * plane);
                yield info.dataType() == DataType.UINT8 ? ArrayImgs.unsignedBytes(out, dims) : ArrayImgs.bytes(out, dims);
            }
            case UINT16, INT16 -> {
                short[] out = new short[n];
                for (int i = 0; i < w.bands.length; i++) NativeSamples.shorts(raster, w.destBand[i], out, i * plane);
                yield info.dataType() == DataType.UINT16 ? ArrayImgs.unsignedShorts(out, dims) : ArrayImgs.shorts(out, dims);
            }
            case UINT32, INT32 -> {
                int[] out = new int[n];
                for (int i = 0; i < w.bands.length; i++) NativeSamples.ints(raster, w.destBand[i], out, i * plane);
                yield info.dataType() == DataType.UINT32 ? ArrayImgs.unsignedInts(out, dims) : ArrayImgs.ints(out, dims);
            }
            case FLOAT32 -> {
                float[] out = new float[n];
                for (int i = 0; i < w.bands.length; i++) NativeSamples.floats(raster, w.destBand[i], out, i * plane);
                yield ArrayImgs.floats(out, dims);
            }
            case FLOAT64 -> {
                double[] out = new double[n];
                for (int i = 0; i < w.bands.length; i++) NativeSamples.doubles(raster, w.destBand[i], out, i * plane);
                yield ArrayImgs.doubles(out, dims);
            }
        };
        return Views.translate(img, w.x, w.y, 0);
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        release(stream, reader);
        registration.close();
    }

    /** A checked window: pixel rectangle, requested bands, and where each sits in the decoded raster. */
    private record Window(int x, int y, int width, int height, int[] bands, int[] sourceBands, int[] destBand) {}

    private Window window(Interval window, int[] bands) {
        if (closed) throw new IllegalStateException("source closed: " + file);
        if (window.numDimensions() < 2) throw new IllegalArgumentException("a window needs 2 dimensions");
        long x0 = window.min(0), y0 = window.min(1), x1 = window.max(0), y1 = window.max(1);
        if (x1 < x0 || y1 < y0) throw new BadInputException(file, "window is empty");
        if (x0 < 0 || y0 < 0 || x1 >= info.width() || y1 >= info.height())
            throw new BadInputException(file, "window x " + x0 + ".." + x1 + ", y " + y0 + ".." + y1
                    + " is outside the image (" + info.width() + " x " + info.height() + " pixels)");
        if (bands.length == 0) {
            bands = new int[info.bandCount()];
            for (int i = 0; i < bands.length; i++) bands[i] = i;
        }
        for (int b : bands)
            if (b < 0 || b >= info.bandCount())
                throw new BadInputException(file, "band " + (b + 1) + " requested, the image has "
                        + info.bandCount() + " band" + (info.bandCount() == 1 ? "" : "s"));
        int[] unique = Arrays.stream(bands).distinct().sorted().toArray();
        int[] dest = new int[bands.length];
        for (int i = 0; i < bands.length; i++) dest[i] = Arrays.binarySearch(unique, bands[i]);
        return new Window((int) x0, (int) y0, (int) (x1 - x0 + 1), (int) (y1 - y0 + 1), bands.clone(), unique, dest);
    }

    private Raster decode(Window w) {
        ImageReadParam p = reader.getDefaultReadParam();
        ((TIFFImageReadParam) p).setTIFFDecompressor(decompressor());
        p.setSourceRegion(new Rectangle(w.x, w.y, w.width, w.height));
        if (w.sourceBands.length != info.bandCount()) {
            p.setSourceBands(w.sourceBands);
            int[] dst = new int[w.sourceBands.length];
            for (int i = 0; i < dst.length; i++) dst[i] = i;
            p.setDestinationBands(dst);
        }
        try {
            Raster r = reader.read(0, p).getRaster();
            if (r.getWidth() != w.width || r.getHeight() != w.height)
                throw new BadInputException(file, "corrupt: decoded " + r.getWidth() + " x " + r.getHeight()
                        + " pixels for a " + w.width + " x " + w.height + " window");
            return r;
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file, "cannot decode pixels at x " + w.x + ", y " + w.y + " ("
                    + w.width + " x " + w.height + "): " + reason(e), e);
        } catch (OutOfMemoryError e) {
            throw org.aerolux.core.HeapMemoryException.of(file, "decoding a " + w.width + " x " + w.height + " window", e);
        }
    }

    /**
     * Our block decoder where imageio-ext's own would be wrong (see {@link PredictedDecompressor} and
     * {@link RawJpegDecompressor}), else null for the library's choice. A new one per read: they keep state.
     */
    private TIFFDecompressor decompressor() {
        try {
            if (dir.predictor != Predictors.NONE && PredictedDecompressor.appliesTo(dir.compression))
                return new PredictedDecompressor(dir.compression, dir.predictor);
            if (RawJpegDecompressor.needed(dir.compression, dir.samplesPerPixel, dir.planarConfiguration))
                return new RawJpegDecompressor();
            return null;
        } catch (IOException e) {
            throw new BadInputException(file, "cannot decode pixels: " + reason(e), e);
        }
    }

    /** Copies one band of a decoded raster into {@code out} from {@code offset}, as floats, fast for the usual layouts. */
    private void copyBand(Raster r, int band, float[] out, int offset, int width, int height) {
        DataType type = info.dataType();
        if (r.getSampleModel() instanceof ComponentSampleModel sm) {
            DataBuffer db = r.getDataBuffer();
            int bank = sm.getBankIndices()[band];
            int ps = sm.getPixelStride();
            int sx = r.getMinX() - r.getSampleModelTranslateX();
            int sy = r.getMinY() - r.getSampleModelTranslateY();
            int o = offset;
            for (int y = 0; y < height; y++) {
                int base = db.getOffsets()[bank] + sm.getOffset(sx, sy + y, band);
                switch (db.getDataType()) {
                    case DataBuffer.TYPE_BYTE -> {
                        byte[] a = ((DataBufferByte) db).getData(bank);
                        if (type == DataType.INT8) for (int x = 0; x < width; x++) out[o++] = a[base + x * ps];
                        else for (int x = 0; x < width; x++) out[o++] = a[base + x * ps] & 0xFF;
                    }
                    case DataBuffer.TYPE_USHORT -> {
                        short[] a = ((DataBufferUShort) db).getData(bank);
                        for (int x = 0; x < width; x++) out[o++] = a[base + x * ps] & 0xFFFF;
                    }
                    case DataBuffer.TYPE_SHORT -> {
                        short[] a = ((DataBufferShort) db).getData(bank);
                        if (type == DataType.UINT16) for (int x = 0; x < width; x++) out[o++] = a[base + x * ps] & 0xFFFF;
                        else for (int x = 0; x < width; x++) out[o++] = a[base + x * ps];
                    }
                    case DataBuffer.TYPE_INT -> {
                        int[] a = ((DataBufferInt) db).getData(bank);
                        if (type == DataType.UINT32) for (int x = 0; x < width; x++) out[o++] = a[base + x * ps] & 0xFFFFFFFFL;
                        else for (int x = 0; x < width; x++) out[o++] = a[base + x * ps];
                    }
                    case DataBuffer.TYPE_FLOAT -> {
                        float[] a = ((DataBufferFloat) db).getData(bank);
                        for (int x = 0; x < width; x++) out[o++] = a[base + x * ps];
                    }
                    case DataBuffer.TYPE_DOUBLE -> {
                        double[] a = ((DataBufferDouble) db).getData(bank);
                        for (int x = 0; x < width; x++) out[o++] = (float) a[base + x * ps];
                    }
                    default -> {
                        copyBandSlow(r, band, out, offset, width, height);
                        return;
                    }
                }
            }
            return;
        }
        copyBandSlow(r, band, out, offset, width, height);
    }

    private void copyBandSlow(Raster r, int band, float[] out, int offset, int width, int height) {
        float[] tmp = r.getSamples(r.getMinX(), r.getMinY(), width, height, band, (float[]) null);
        DataType type = info.dataType();
        for (int k = 0; k < tmp.length; k++) {
            float v = tmp[k];
            if (type == DataType.INT8) v = (byte) (int) v;
            else if (type == DataType.UINT32 && v < 0) v += 4294967296.0f;
            out[offset + k] = v;
        }
    }

    private static void release(ImageInputStream stream, TIFFImageReader reader) {
        if (reader != null) reader.dispose();
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) t = t.getCause();
        String m = t.getMessage();
        if (m == null || m.isBlank()) return t.getClass().getSimpleName();
        return m.lines().findFirst().orElse(m).trim();
    }
}
