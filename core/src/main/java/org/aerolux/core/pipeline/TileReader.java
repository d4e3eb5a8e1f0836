package org.aerolux.core.pipeline;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import net.imglib2.Cursor;
import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessible;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.aerolux.core.AeroLuxException;
import org.aerolux.core.BadInputException;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.core.tile.AxisTile;
import org.aerolux.core.tile.AxisWeights;
import org.aerolux.core.tile.Tile;
import org.aerolux.core.tile.TileLayout;

/**
 * The reader side of the pipeline (its own thread): per tile row, reads the band of image rows the row's windows
 * need (full width; never more than one band of tile rows in memory), normalises it once, marks nodata, and
 * cuts tiles from it (mirror-extended at the image border with {@code Views.extendMirrorSingle}) into batches.
 */
final class TileReader implements Runnable {
    private final RasterSource source;
    private final int[] bands;
    private final Normalisation normalisation;
    private final TileLayout layout;
    private final List<AxisWeights> xWeights, yWeights;
    private final int batchSize;
    private final BlockingQueue<TileBatch> queue;
    private final AtomicBoolean stop;
    final AtomicLong readNanos = new AtomicLong();

    TileReader(RasterSource source, int[] bands, Normalisation normalisation, TileLayout layout, List<AxisWeights> xWeights,
               List<AxisWeights> yWeights, int batchSize, BlockingQueue<TileBatch> queue, AtomicBoolean stop) {
        this.source = source;
        this.bands = bands;
        this.normalisation = normalisation;
        this.layout = layout;
        this.xWeights = xWeights;
        this.yWeights = yWeights;
        this.batchSize = batchSize;
        this.queue = queue;
        this.stop = stop;
    }

    /** What the reader is doing, for a failure's message. */
    private volatile String doing = "reading the input";

    /**
     * Reads every tile; any throwable (an {@link OutOfMemoryError} or another {@link Error} too) is handed to the
     * model thread as a {@link TileBatch.Failure}, so the run ends instead of waiting for a batch that never comes.
     */
    @Override
    public void run() {
        try {
            produce();
            put(new TileBatch.End());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            try {
                put(new TileBatch.Failure(e, doing));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void produce() throws InterruptedException {
        int tw = layout.tileWidth(), th = layout.tileHeight(), nb = bands.length;
        int tileFloats = nb * tw * th;
        TileBatch.Builder batch = new TileBatch.Builder(new float[batchSize * tileFloats]);
        for (AxisTile row : layout.rows()) {
            if (stop.get()) return;
            long t0 = System.nanoTime();
            doing = "reading and normalising input rows " + Math.max(0, row.start()) + ".." + (Math.min(source.info().height(), row.end()) - 1)
                    + " (" + source.info().width() + " pixels wide, " + bands.length + " bands)";
            Band band = readBand(row);
            if (row.index() == layout.rows().size() - 1) FaultInjection.at("reader"); // after earlier rows were written
            AxisWeights yw = yWeights.get(row.index());
            TileBatch.RowMask mask = new TileBatch.RowMask(row.index(), row.coreStart(), row.coreEnd(),
                    band.maskRows(row.coreStart(), row.coreEnd()));
            readNanos.addAndGet(System.nanoTime() - t0);
            put(mask);
            for (AxisTile col : layout.columns()) {
                if (stop.get()) return;
                long t1 = System.nanoTime();
                Tile tile = Tile.of(row, col);
                AxisWeights xw = xWeights.get(col.index());
                boolean skip = band.nodataCount > 0 && band.allNodata(xw.supportStart(), xw.supportEnd(), yw.supportStart(), yw.supportEnd());
                if (skip) {
                    batch.entries.add(new TileBatch.Entry(tile, true, -1));
                } else {
                    band.cut(tile, batch.data, batch.runCount * tileFloats);
                    batch.entries.add(new TileBatch.Entry(tile, false, batch.runCount++));
                }
                readNanos.addAndGet(System.nanoTime() - t1);
                if (batch.runCount == batchSize) {
                    put(batch.build());
                    batch = new TileBatch.Builder(new float[batchSize * tileFloats]);
                }
            }
        }
        if (!batch.entries.isEmpty()) put(batch.build());
    }

    private void put(TileBatch item) throws InterruptedException {
        queue.put(item);
    }

    private Band readBand(AxisTile row) {
        RasterInfo info = source.info();
        long y0 = Math.max(0, row.start()), y1 = Math.min(info.height(), row.end());
        FinalInterval window = new FinalInterval(new long[] {0, y0}, new long[] {info.width() - 1, y1 - 1});
        RandomAccessibleInterval<FloatType> raw;
        try {
            raw = source.read(window, bands);
        } catch (AeroLuxException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadInputException(null, "cannot read rows " + y0 + ".." + (y1 - 1) + ": " + e.getMessage(), e);
        }
        return new Band(info, (int) y0, (int) (y1 - y0), raw);
    }

    /** Normalised rows [y0, y0 + height) of the image, all columns, planar [band][y][x], with a data mask. */
    private final class Band {
        final int width, y0, height;
        final float[] data;
        final byte[] valid;
        long nodataCount;
        final RandomAccessible<FloatType> extended; // [x, y, band] at image coordinates, mirror-extended

        Band(RasterInfo info, int y0, int height, RandomAccessibleInterval<FloatType> raw) {
            this.width = info.width();
            this.y0 = y0;
            this.height = height;
            if ((long) width * height * bands.length > Integer.MAX_VALUE - 8)
                throw new BadInputException(null, "a band of " + height + " rows of " + width + " pixels and " + bands.length
                        + " bands is too large; use smaller tiles");
            int plane = width * height;
            this.data = new float[plane * bands.length];
            this.valid = new byte[plane];
            // bulk copy (LoopBuilder is far faster than a cursor over a view), then plain array loops
            LoopBuilder.setImages(raw, Views.translate(ArrayImgs.floats(data, width, height, bands.length), 0, y0, 0))
                    .forEachPixel((in, out) -> out.set(in));
            java.util.Arrays.fill(valid, (byte) 1);
            for (int b = 0; b < bands.length; b++) {
                int offset = b * plane;
                java.util.OptionalDouble nd = info.nodata().get(bands[b]);
                boolean hasNodata = nd.isPresent();
                double nodata = hasNodata ? nd.getAsDouble() : Double.NaN;
                float scale = normalisation.scale(), mean = normalisation.mean()[b], std = normalisation.std()[b];
                for (int i = 0; i < plane; i++) {
                    float v = data[offset + i];
                    if (v != v || (hasNodata && v == nodata)) valid[i] = 0; // as RasterInfo.isNodata
                    data[offset + i] = (v / scale - mean) / std; // Normalisation.apply
                }
            }
            for (int i = 0; i < plane; i++) {
                if (valid[i] == 0) {
                    nodataCount++;
                    for (int b = 0; b < bands.length; b++) data[b * plane + i] = 0f; // the model sees the mean
                }
            }
            this.extended = Views.extendMirrorSingle(Views.translate(mirrorable(data, width, height, bands.length), 0, y0, 0));
        }

        /**
         * The band as an image ImgLib2 can mirror: an axis of length 1 (a one-pixel-wide or one-row image) is
         * doubled, since mirroring a single pixel repeats it, which ImgLib2's single-boundary mirror does not
         * handle for length 1.
         */
        private static net.imglib2.img.array.ArrayImg<FloatType, ?> mirrorable(float[] data, int w, int h, int b) {
            if (w > 1 && h > 1) return ArrayImgs.floats(data, w, h, b);
            int w2 = Math.max(2, w), h2 = Math.max(2, h);
            float[] copy = new float[w2 * h2 * b];
            for (int k = 0; k < b; k++)
                for (int y = 0; y < h2; y++)
                    for (int x = 0; x < w2; x++) copy[(k * h2 + y) * w2 + x] = data[(k * h + Math.min(y, h - 1)) * w + Math.min(x, w - 1)];
            return ArrayImgs.floats(copy, w2, h2, b);
        }

        /** The mask of image rows [from, to) (inside this band). */
        byte[] maskRows(long from, long to) {
            byte[] out = new byte[(int) ((to - from) * width)];
            System.arraycopy(valid, (int) ((from - y0) * width), out, 0, out.length);
            return out;
        }

        boolean allNodata(long x0, long x1, long ya, long yb) {
            for (long y = ya; y < yb; y++) {
                int base = (int) ((y - y0) * width);
                for (long x = x0; x < x1; x++) if (valid[base + (int) x] != 0) return false;
            }
            return true;
        }

        /** Copies a tile's window, NCHW, into {@code dst} at {@code offset}. */
        void cut(Tile tile, float[] dst, int offset) {
            long wx = tile.window().min(0), wy = tile.window().min(1);
            int tw = tile.width(), th = tile.height();
            int plane = width * height;
            if (wx >= 0 && wx + tw <= width && wy >= y0 && wy + th <= y0 + height) {
                int k = offset;
                for (int b = 0; b < bands.length; b++) {
                    for (int y = 0; y < th; y++) {
                        System.arraycopy(data, b * plane + (int) (wy - y0 + y) * width + (int) wx, dst, k, tw);
                        k += tw;
                    }
                }
                return;
            }
            FinalInterval window = new FinalInterval(new long[] {wx, wy, 0}, new long[] {wx + tw - 1, wy + th - 1, bands.length - 1});
            Cursor<FloatType> c = Views.flatIterable(Views.interval(extended, window)).cursor();
            int k = offset;
            while (c.hasNext()) dst[k++] = c.next().get();
        }
    }
}
