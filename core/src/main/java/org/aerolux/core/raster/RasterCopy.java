package org.aerolux.core.raster;

import net.imglib2.FinalInterval;

/**
 * Streams a raster into a sink in bands of full-width rows, so memory stays bounded whatever the image size.
 * Values are carried exactly: as floats for types that fit (8/16-bit integers, float32), as doubles otherwise.
 */
public final class RasterCopy {
    /** Memory a chunk of decoded rows may take, in bytes. */
    static final long CHUNK_BYTES = 64L << 20;

    private RasterCopy() {}

    /** Copies every row of {@code source} into {@code sink} (which must have the same size and band count). */
    public static void copy(RasterSource source, RasterSink sink) {
        RasterInfo info = source.info();
        boolean exact = needsDoubles(info.dataType()) && source instanceof GeoTiffSource;
        int rows = chunkRows(info, source instanceof GeoTiffSource g ? g.blockHeight() : 1, exact);
        for (int y = 0; y < info.height(); y += rows) {
            int h = Math.min(rows, info.height() - y);
            FinalInterval window = new FinalInterval(new long[] {0, y}, new long[] {info.width() - 1, y + h - 1});
            if (exact) sink.write(((GeoTiffSource) source).readDoubles(window));
            else sink.write(source.read(window));
        }
    }

    /** True for types whose values a float cannot hold exactly. */
    static boolean needsDoubles(DataType t) {
        return t == DataType.UINT32 || t == DataType.INT32 || t == DataType.FLOAT64;
    }

    /**
     * Rows per chunk: a multiple of the source's block height (each block is decoded once) near 256 rows (one row of
     * output tiles), within {@link #CHUNK_BYTES}.
     */
    static int chunkRows(RasterInfo info, int blockHeight, boolean doubles) {
        long rowBytes = (long) info.width() * info.bandCount() * (doubles ? 8 : 4);
        long cap = Math.max(1, CHUNK_BYTES / rowBytes);
        long want = blockHeight >= 256 ? blockHeight : (256 / blockHeight) * (long) blockHeight;
        long rows = want <= cap ? want : Math.max(blockHeight <= cap ? (cap / blockHeight) * blockHeight : cap, 1);
        return (int) Math.min(rows, info.height());
    }
}
