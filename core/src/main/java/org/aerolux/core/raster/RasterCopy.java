package org.aerolux.core.raster;

import net.imglib2.FinalInterval;

/**
 * Streams a raster into a sink in bands of full-width rows, so memory stays bounded whatever the image size.
 * GeoTIFF sources are read in their own data type (exact, and a quarter of the memory of floats for 8-bit data);
 * other sources as floats.
 */
public final class RasterCopy {
    /** Memory a chunk of decoded rows may take, in bytes (in the source's data type). */
    static final long CHUNK_BYTES = 32L << 20;

    private RasterCopy() {}

    /** Copies every row of {@code source} into {@code sink} (which must have the same size and band count). */
    public static void copy(RasterSource source, RasterSink sink) {
        RasterInfo info = source.info();
        GeoTiffSource tiff = source instanceof GeoTiffSource g ? g : null;
        int sampleBytes = tiff != null ? info.dataType().bytes() : Float.BYTES;
        int rows = chunkRows(info, tiff != null ? tiff.blockHeight() : 1, sampleBytes);
        for (int y = 0; y < info.height(); y += rows) {
            int h = Math.min(rows, info.height() - y);
            FinalInterval window = new FinalInterval(new long[] {0, y}, new long[] {info.width() - 1, y + h - 1});
            if (tiff != null) sink.write(tiff.readNative(window));
            else sink.write(source.read(window));
        }
    }

    /**
     * Rows per chunk: a multiple of the source's block height (so each block is decoded once) near 256 rows (one
     * row of output tiles), within {@link #CHUNK_BYTES}; fewer rows only for very wide images.
     */
    static int chunkRows(RasterInfo info, int blockHeight, int sampleBytes) {
        long rowBytes = (long) info.width() * info.bandCount() * sampleBytes;
        long cap = Math.max(1, CHUNK_BYTES / rowBytes);
        long want = blockHeight >= 256 ? blockHeight : (256 / blockHeight) * (long) blockHeight;
        long rows = want <= cap ? want : blockHeight <= cap ? (cap / blockHeight) * blockHeight : cap;
        return (int) Math.max(1, Math.min(rows, info.height()));
    }
}
