package org.aerolux.core.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.aerolux.core.AeroLuxException;
import org.aerolux.core.CancelledException;
import org.aerolux.core.DeviceMemoryException;
import org.aerolux.core.HeapMemoryException;
import org.aerolux.core.ModelException;
import org.aerolux.core.UsageException;
import org.aerolux.core.model.Model;
import org.aerolux.core.model.NchwTensor;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.core.tile.AxisWeights;
import org.aerolux.core.tile.Blender;
import org.aerolux.core.tile.HaloTiler;
import org.aerolux.core.tile.Tile;
import org.aerolux.core.tile.TileGrid;
import org.aerolux.core.tile.TileLayout;
import org.aerolux.core.tile.Tiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a model over a raster of any size, tile by tile, in bounded memory:
 * source rows -> normalise (card scale, mean, std) -> batches of tiles -> model -> blend -> finished rows to a
 * {@link BlockConsumer}, top to bottom. A reader thread reads and normalises the next tiles while the model runs
 * the current batch; memory holds about one band of tile rows (input, blend sums and the rows being delivered),
 * never the whole image.
 *
 * <p>Nodata: a pixel is nodata when any selected band is its nodata value or NaN; the model sees 0 (the mean)
 * there, its outputs are masked, and a tile whose blending support is all nodata is not run. A failing batch is
 * retried tile by tile; a tile that fails again ends the run with its coordinates. A batch that runs out of device
 * memory is halved, then tiles shrink (see {@link #run}). {@link Cancellation} is checked
 * between batches. On any failure or cancel the consumer is closed without {@code finish()}, so sinks leave no
 * file. Build with {@link #builder()}.
 */
public final class TiledPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(TiledPipeline.class);
    private final RasterSource source;
    private final int[] bands;
    private final Model model;
    private final Normalisation normalisation;
    private final TileGrid grid;
    private final Tiler tiler;
    private final Blender blender;
    private final int batchSize;
    private final ProgressListener progress;
    private final Cancellation cancellation;
    private final int blockRows, readAhead;

    private TiledPipeline(Builder b) {
        this.blockRows = b.blockRows;
        this.readAhead = b.readAhead;
        this.source = b.source;
        this.model = b.model;
        this.bands = b.bands;
        this.normalisation = b.normalisation;
        this.grid = b.grid;
        this.tiler = b.tiler;
        this.blender = b.blender;
        this.batchSize = b.batchSize;
        this.progress = b.progress;
        this.cancellation = b.cancellation;
    }

    public static Builder builder() { return new Builder(); }

    /** The tiles this pipeline will run. */
    public TileLayout layout() {
        RasterInfo info = source.info();
        return tiler.layout(info.width(), info.height(), grid);
    }

    /**
     * Runs every tile and delivers all rows to {@code consumer}, then calls its {@code finish()}; always closes it.
     *
     * <p>Out of device memory ({@link DeviceMemoryException}) on a batch: the batch is halved and the same tiles run
     * again, down to one tile per call; if one tile still does not fit and no row has been delivered yet, the run
     * restarts with tiles half the size (and half the overlap), while the tile stays at least
     * {@value #MIN_SHRUNK_TILE} px and a multiple of the size multiple. Every step is in
     * {@link PipelineResult#backoff()} and the first is logged.
     *
     * @throws CancelledException when cancelled (outputs removed)
     * @throws AeroLuxException   for bad input (source), model failures (with the tile) and the like
     */
    public PipelineResult run(BlockConsumer consumer) {
        long start = System.nanoTime();
        Backoff backoff = new Backoff(batchSize, grid);
        DeliveryWatch watched = new DeliveryWatch(consumer);
        TileGrid g = grid;
        try (consumer) {
            while (true) {
                try {
                    return attempt(g, watched, backoff, start);
                } catch (ShrinkTiles s) {
                    g = s.grid;
                }
            }
        }
    }

    private PipelineResult attempt(TileGrid g, DeliveryWatch consumer, Backoff backoff, long start) {
        RasterInfo info = source.info();
        TileLayout layout = tiler.layout(info.width(), info.height(), g);
        List<AxisWeights> xw = blender.weigh(layout.columns(), layout.width());
        List<AxisWeights> yw = blender.weigh(layout.rows(), layout.height());
        BlendAccumulator blend = new BlendAccumulator(layout, xw, yw, model.outputChannels(), blockRows);
        BlockingQueue<TileBatch> queue = new ArrayBlockingQueue<>(readAhead);
        AtomicBoolean stop = new AtomicBoolean();
        TileReader reader = new TileReader(source, bands, normalisation, layout, xw, yw, batchSize, queue, stop);
        Thread readerThread = new Thread(reader, "aerolux-tile-reader");
        readerThread.setDaemon(true);
        Counters n = new Counters(layout.tileCount());
        String doing = "running the model on tiles of " + layout.tileWidth() + " px";
        try {
            readerThread.start();
            while (true) {
                TileBatch item = take(queue, readerThread);
                if (item instanceof TileBatch.End) break;
                if (item instanceof TileBatch.Failure f) throw HeapMemoryException.asRunFailure(f.error(), f.doing());
                if (item instanceof TileBatch.RowMask m) {
                    blend.addMask(m);
                    continue;
                }
                TileBatch.Tiles tiles = (TileBatch.Tiles) item;
                if (cancellation.isCancelled()) throw new CancelledException("after " + n.done + " of " + n.total + " tiles");
                NchwTensor out = tiles.runCount() == 0 ? null : runWithRetry(tiles, layout, g, n, backoff, consumer);
                long t0 = System.nanoTime();
                for (TileBatch.Entry e : tiles.entries()) {
                    blend.startRow(e.tile().row(), consumer, n.write);
                    if (e.skipped()) n.skipped++;
                    else blend.add(e.tile(), out, e.slot());
                    n.done++;
                    long now = System.nanoTime();
                    n.blendNanos += now - t0;
                    t0 = now;
                    progress.onProgress(event(n, now - start));
                }
            }
            doing = "writing the last rows and finishing the outputs";
            long t0 = System.nanoTime();
            blend.finish(consumer, n.write);
            n.blendNanos += System.nanoTime() - t0;
            consumer.finish();
        } catch (OutOfMemoryError e) {
            throw HeapMemoryException.of(doing + " (" + info.width() + " x " + info.height() + " pixels, " + n.done + " of " + n.total
                    + " tiles done)", e);
        } finally {
            // stop the reader whatever happened (it may be blocked on a full queue or still reading)
            stop.set(true);
            readerThread.interrupt();
            queue.clear();
            join(readerThread);
        }
        long total = System.nanoTime() - start;
        long blendOnly = Math.max(0, n.blendNanos - n.write.nanos);
        return new PipelineResult(model.device(), layout, blender.name(), batchSize, n.done - n.skipped, n.skipped, n.retries,
                blend.validPixels, blend.nodataPixels, Duration.ofNanos(total), Duration.ofNanos(reader.readNanos.get()),
                Duration.ofNanos(n.modelNanos), Duration.ofNanos(blendOnly), Duration.ofNanos(n.write.nanos),
                backoff.report(g));
    }

    /**
     * Runs a batch (in chunks no larger than the current back-off batch); if it fails for another reason than device
     * memory, runs each of its tiles alone once more, and fails naming the first tile that fails again.
     */
    private NchwTensor runWithRetry(TileBatch.Tiles tiles, TileLayout layout, TileGrid g, Counters n, Backoff backoff,
                                    DeliveryWatch consumer) {
        int th = layout.tileHeight(), tw = layout.tileWidth(), c = bands.length;
        NchwTensor input = new NchwTensor(tiles.runCount() == batchSize ? tiles.data()
                : java.util.Arrays.copyOf(tiles.data(), tiles.runCount() * c * th * tw), tiles.runCount(), c, th, tw);
        long t0 = System.nanoTime();
        try {
            return runChunked(input, backoff);
        } catch (DeviceMemoryException oom) {
            throw shrinkOrFail(oom, g, tiles, consumer, backoff);
        } catch (RuntimeException first) {
            n.retries++;
            NchwTensor out = NchwTensor.zeros(input.n(), model.outputChannels(), th, tw);
            for (TileBatch.Entry e : tiles.entries()) {
                if (e.skipped()) continue;
                float[] one = java.util.Arrays.copyOfRange(input.data(), e.slot() * input.imageSize(), (e.slot() + 1) * input.imageSize());
                NchwTensor single;
                try {
                    single = model.run(new NchwTensor(one, 1, c, th, tw));
                } catch (DeviceMemoryException oom) {
                    throw shrinkOrFail(oom, g, tiles, consumer, backoff);
                } catch (RuntimeException again) {
                    Tile t = e.tile();
                    ModelException failure = new ModelException(null, "the model failed twice on " + t.describe() + ": "
                            + again.getMessage(), again);
                    if (again != first) failure.addSuppressed(first);
                    throw failure;
                }
                System.arraycopy(single.data(), 0, out.data(), e.slot() * out.imageSize(), out.imageSize());
            }
            return out;
        } finally {
            n.modelNanos += System.nanoTime() - t0;
        }
    }

    /**
     * Runs {@code input} in chunks of at most the current back-off batch; on out of device memory, halves the batch
     * and runs the same tiles again. Throws {@link DeviceMemoryException} only when one tile does not fit.
     */
    private NchwTensor runChunked(NchwTensor input, Backoff backoff) {
        while (true) {
            int size = Math.min(backoff.batch, input.n());
            if (size == input.n()) {
                try {
                    return model.run(input);
                } catch (DeviceMemoryException oom) {
                    if (size == 1) throw oom;
                    backoff.halve(size, oom);
                    continue;
                }
            }
            NchwTensor out = NchwTensor.zeros(input.n(), model.outputChannels(), input.h(), input.w());
            for (int first = 0; first < input.n(); first += size) {
                int count = Math.min(size, input.n() - first);
                float[] part = java.util.Arrays.copyOfRange(input.data(), first * input.imageSize(), (first + count) * input.imageSize());
                NchwTensor result = runChunked(new NchwTensor(part, count, input.c(), input.h(), input.w()), backoff);
                System.arraycopy(result.data(), 0, out.data(), first * out.imageSize(), result.data().length);
            }
            return out;
        }
    }

    /** One tile does not fit: restart with smaller tiles if nothing was delivered and tiles can shrink, else fail. */
    private RuntimeException shrinkOrFail(DeviceMemoryException oom, TileGrid g, TileBatch.Tiles tiles, DeliveryWatch consumer,
                                          Backoff backoff) {
        TileGrid smaller = shrink(g);
        String where = tiles.entries().get(0).tile().describe();
        if (smaller == null || consumer.delivered) {
            String why = smaller == null ? (model.fixedTileSize() > 0 ? "this model takes fixed " + g.tileSize() + " px tiles"
                    : "tiles cannot shrink below " + Math.max(MIN_SHRUNK_TILE, g.sizeMultiple()) + " px")
                    : "rows were already written, so tiles cannot shrink now (rerun with --tile " + smaller.tileSize() + ")";
            DeviceMemoryException e = new DeviceMemoryException(null, "out of device memory even with 1 tile of " + g.tileSize()
                    + " px per call at " + where + "; " + why + "; use --device cpu, a smaller --tile, or free GPU memory"
                    + (backoff.happened() ? " (after: " + String.join("; ", backoff.events) + ")" : ""), oom);
            return e;
        }
        backoff.shrink(g, smaller, oom);
        return new ShrinkTiles(smaller);
    }

    /** Half the tile (a multiple of the size multiple) and half the overlap; null when that is not possible. */
    public static TileGrid shrink(TileGrid g, int fixedTileSize) {
        if (fixedTileSize > 0) return null;
        int m = g.sizeMultiple();
        int tile = g.tileSize() / 2 / m * m;
        if (tile < Math.max(MIN_SHRUNK_TILE, m) || tile >= g.tileSize()) return null;
        return new TileGrid(tile, Math.min(g.overlap() / 2, tile - 1), m);
    }

    private TileGrid shrink(TileGrid g) { return shrink(g, model.fixedTileSize()); }

    /** Smallest tile edge the back-off shrinks to. */
    public static final int MIN_SHRUNK_TILE = 64;

    private static ProgressEvent event(Counters n, long elapsedNanos) {
        Optional<Duration> eta = n.done == 0 ? Optional.empty()
                : Optional.of(Duration.ofNanos((long) ((double) elapsedNanos / n.done * (n.total - n.done))));
        return new ProgressEvent(n.done, n.total, n.skipped, Duration.ofNanos(elapsedNanos), eta);
    }

    /**
     * The next item from the reader. A reader that ended without handing over its end or its failure (it cannot,
     * since it catches every throwable, but a run must never wait for ever) ends the run.
     */
    private static TileBatch take(BlockingQueue<TileBatch> queue, Thread reader) {
        try {
            while (true) {
                TileBatch item = queue.poll(1, TimeUnit.SECONDS);
                if (item != null) return item;
                if (!reader.isAlive()) {
                    item = queue.poll();
                    if (item != null) return item;
                    throw new IllegalStateException("the tile reader stopped without handing over its tiles or its failure");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted");
        }
    }

    private static void join(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Counters {
        final long total;
        long done, skipped, retries, modelNanos, blendNanos;
        final BlendAccumulator.TimeCounter write = new BlendAccumulator.TimeCounter();

        Counters(long total) { this.total = total; }
    }

    /** The run restarts with smaller tiles (nothing was delivered yet). */
    private static final class ShrinkTiles extends RuntimeException {
        final TileGrid grid;

        ShrinkTiles(TileGrid grid) {
            super(null, null, false, false);
            this.grid = grid;
        }
    }

    /** Whether any row reached the consumer (then a restart with other tiles is impossible). */
    private static final class DeliveryWatch implements BlockConsumer {
        private final BlockConsumer target;
        boolean delivered;

        DeliveryWatch(BlockConsumer target) { this.target = target; }

        @Override
        public void accept(OutputBlock block) {
            delivered = true;
            target.accept(block);
        }

        @Override
        public void finish() { target.finish(); }

        @Override
        public void close() { target.close(); }
    }

    /** The back-off state of one run: the current batch, and the steps taken (the first is logged). */
    private static final class Backoff {
        final int requestedBatch;
        final TileGrid requestedGrid;
        int batch;
        final List<String> events = new java.util.ArrayList<>();

        Backoff(int batch, TileGrid grid) {
            this.requestedBatch = batch;
            this.requestedGrid = grid;
            this.batch = batch;
        }

        boolean happened() { return !events.isEmpty(); }

        void halve(int failedSize, DeviceMemoryException oom) {
            int next = Math.max(1, failedSize / 2);
            batch = Math.min(batch, next);
            add("batch " + failedSize + " -> " + next + " after " + oom.getMessage());
        }

        void shrink(TileGrid from, TileGrid to, DeviceMemoryException oom) {
            // a quarter of the pixels per tile: about four times as many tiles fit in the same memory
            batch = Math.min(requestedBatch, Math.max(1, batch * 4));
            add("tile " + from.tileSize() + " (overlap " + from.overlap() + ") -> " + to.tileSize() + " (overlap " + to.overlap()
                    + "), batch " + batch + ", restarting the run after " + oom.getMessage());
        }

        private void add(String event) {
            if (events.isEmpty())
                LOG.warn("out of device memory; backing off: {} (further steps go to the run report)", event);
            events.add(event);
        }

        MemoryBackoff report(TileGrid finalGrid) {
            return new MemoryBackoff(requestedBatch, batch, requestedGrid, finalGrid, events);
        }
    }

    /** Options of a {@link TiledPipeline}; source and model are required, the rest default from the model card. */
    public static final class Builder {
        private RasterSource source;
        private int[] bands;
        private Model model;
        private Normalisation normalisation;
        private TileGrid grid;
        private Tiler tiler = new HaloTiler();
        private Blender blender = Blender.COSINE;
        private int batchSize = 4;
        private ProgressListener progress = ProgressListener.NONE;
        private Cancellation cancellation = new Cancellation();
        private int blockRows = Integer.MAX_VALUE;
        private int readAhead = 2;

        private Builder() {}

        /** The most rows one block to the consumer holds; default: all rows a tile row finishes (memory planning). */
        public Builder blockRows(int rows) {
            this.blockRows = rows;
            return this;
        }

        /** Batches the reader may have ready ahead of the model; default 2 (memory planning). */
        public Builder readAhead(int batches) {
            this.readAhead = batches;
            return this;
        }

        /** Any raster source (GeoTIFF, in-memory image, generated). */
        public Builder source(RasterSource source) {
            this.source = source;
            return this;
        }

        /** 0-based source bands in model order (a band may repeat); default: the first N bands. */
        public Builder bands(int... zeroBased) {
            this.bands = zeroBased.clone();
            return this;
        }

        public Builder model(Model model) {
            this.model = model;
            return this;
        }

        /** Default: the card's scale, mean and std. */
        public Builder normalisation(Normalisation normalisation) {
            this.normalisation = normalisation;
            return this;
        }

        /** Default: the card's tile size, overlap and size multiple. */
        public Builder grid(TileGrid grid) {
            this.grid = grid;
            return this;
        }

        public Builder tiler(Tiler tiler) {
            this.tiler = tiler;
            return this;
        }

        /** Default cosine. */
        public Builder blender(Blender blender) {
            this.blender = blender;
            return this;
        }

        /** Tiles per model call; default 4. */
        public Builder batchSize(int tiles) {
            this.batchSize = tiles;
            return this;
        }

        public Builder progress(ProgressListener listener) {
            this.progress = listener;
            return this;
        }

        public Builder cancellation(Cancellation cancellation) {
            this.cancellation = cancellation;
            return this;
        }

        /** Checks the options against the source and the model; a mismatch is a {@link UsageException}. */
        public TiledPipeline build() {
            if (source == null) throw new IllegalStateException("a source is required");
            if (model == null) throw new IllegalStateException("a model is required");
            RasterInfo info = source.info();
            int need = model.inputChannels();
            if (bands == null) {
                if (info.bandCount() < need)
                    throw new UsageException(null, "the model takes " + need + " bands (" + String.join(", ", model.card().inputBands())
                            + ") but the input has " + info.bandCount() + "; choose them with --bands (a band may repeat)");
                bands = new int[need];
                for (int i = 0; i < need; i++) bands[i] = i;
            }
            if (bands.length != need)
                throw new UsageException(null, "--bands lists " + bands.length + " bands but the model takes " + need + " ("
                        + String.join(", ", model.card().inputBands()) + ")");
            for (int b : bands)
                if (b < 0 || b >= info.bandCount())
                    throw new UsageException(null, "--bands: band " + (b + 1) + " does not exist; the input has " + info.bandCount()
                            + " bands (numbered from 1)");
            if (normalisation == null) normalisation = Normalisation.of(model.card());
            if (normalisation.bands() != need)
                throw new UsageException(null, "the normalisation has " + normalisation.bands() + " bands, the model takes " + need);
            if (grid == null) grid = TileGrid.of(model.card());
            if (grid.sizeMultiple() != model.card().sizeMultiple() && grid.sizeMultiple() % model.card().sizeMultiple() != 0)
                throw new UsageException(null, "the tile grid's size multiple " + grid.sizeMultiple()
                        + " does not fit the model's " + model.card().sizeMultiple());
            if (model.fixedTileSize() > 0) {
                if (grid.tileSize() != model.fixedTileSize())
                    throw new UsageException(null, "this model takes fixed " + model.fixedTileSize() + "x" + model.fixedTileSize()
                            + " tiles; --tile " + grid.tileSize() + " cannot be used");
                grid = new TileGrid(grid.tileSize(), grid.overlap(), grid.tileSize()); // never shrink tiles for small images
            }
            if (batchSize < 1) throw new UsageException(null, "--batch must be at least 1, got " + batchSize);
            if (blockRows < 1 || readAhead < 1) throw new IllegalStateException("blockRows and readAhead must be at least 1");
            if (blender == null || tiler == null || progress == null || cancellation == null)
                throw new IllegalStateException("blender, tiler, progress and cancellation must not be null");
            return new TiledPipeline(this);
        }
    }
}
