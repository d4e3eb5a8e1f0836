package org.aerolux.segmentation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.aerolux.core.HeapMemoryException;
import org.aerolux.core.pipeline.TiledPipeline;
import org.aerolux.core.tile.TileGrid;

/**
 * Plans a segmentation run's buffers from the Java heap it actually has, before anything is read or written, as
 * enhancement's memory budget does. The estimate adds what a run holds at once (see {@link #need}): the reader's
 * band of full-width rows (decoded, as float and normalised) and its batches, the model's output tensors, the
 * blend ring (one tile height of full-width rows in double, per class plus the weights), the blocks of finished
 * rows on their way to the outputs, each GeoTIFF output's row of tiles (and its compressed copy), the vectorizer's
 * open objects, and a fixed allowance for the libraries. When that exceeds the usable heap, the plan shrinks, in
 * this order: rows per block (64), the outputs' GeoTIFF tile (128; the file's layout, not its values), read-ahead
 * (1 batch), tiles per call (halving to 1), rows per block (16), then, unless the tile was given or the model takes fixed tiles, the model's tile
 * and overlap (halving, down to {@value #MIN_TILE} px). When even the smallest plan does not fit, the run fails
 * at once with exit code 6 ({@link HeapMemoryException}) and the heap that would do.
 */
public final class MemoryPlanner {
    /**
     * Share of the free heap (maximum minus used) a plan may fill; the rest is for fragmentation (G1 keeps each
     * large array in contiguous regions), the collector's own needs (allocations that wait on JNI critical regions
     * of the model runtime fail early) and the estimate's error. 0.8 was not enough: a 10000 x 10000 run planned at
     * 689 of 793 MB ran out of heap in bench/memory-bench.sh (see bench/RESULTS.md).
     */
    public static final double HEAP_SHARE = 0.6;
    /** Smallest model tile the planner shrinks to. */
    public static final int MIN_TILE = 128;
    /** Heap for the libraries' transient allocations during a run (what they keep is already in use when planning). */
    static final long FIXED_BYTES = 16L << 20;
    /** Heap per open object of the vectorizer (its edges and rings so far), an estimate for typical objects. */
    static final long BYTES_PER_OPEN_OBJECT = 2048;
    /** The default tile edge of the GeoTIFF outputs. */
    public static final int SINK_TILE = 256;

    private MemoryPlanner() {}

    /** The heap a plan may use now: {@value #HEAP_SHARE} of the maximum heap less what is in use. */
    public static long usableHeap() {
        Runtime rt = Runtime.getRuntime();
        return (long) ((rt.maxMemory() - (rt.totalMemory() - rt.freeMemory())) * HEAP_SHARE);
    }

    /** What one run is: the image, its bands and classes, the outputs, and the options' grid and batch. */
    public record Run(int width, int height, int inputBands, int classes, Set<SegmentationOutput> outputs, TileGrid grid,
                      boolean tileFixed, int fixedModelTile, int batch) {}

    /**
     * The largest plan not above {@code usableBytes}, shrinking as described above.
     *
     * @throws HeapMemoryException when even the smallest plan needs more
     */
    public static MemoryPlan plan(Run run, long usableBytes) {
        TileGrid g = run.grid();
        int batch = run.batch(), readAhead = 2, sinkTile = SINK_TILE;
        int blockRows = Math.max(1, g.tileSize() - g.overlap());
        List<String> steps = new ArrayList<>();
        while (true) {
            long need = need(run, g, batch, blockRows, readAhead, sinkTile);
            if (need <= usableBytes) {
                return new MemoryPlan(g, batch, blockRows, readAhead, sinkTile, vectorBytes(run), need, usableBytes, steps);
            }
            if (blockRows > 64) {
                steps.add("blocks of 64 rows");
                blockRows = 64;
            } else if (sinkTile > 128) {
                steps.add("output GeoTIFF tiles 128");
                sinkTile = 128;
            } else if (readAhead > 1) {
                steps.add("read-ahead 1 batch");
                readAhead = 1;
            } else if (batch > 1) {
                steps.add("batch " + batch + " -> " + Math.max(1, batch / 2));
                batch = Math.max(1, batch / 2);
            } else if (blockRows > 16) {
                steps.add("blocks of 16 rows");
                blockRows = 16;
            } else {
                TileGrid smaller = run.tileFixed() ? null : TiledPipeline.shrink(g, run.fixedModelTile());
                if (smaller == null || smaller.tileSize() < MIN_TILE) {
                    String doing = String.format(Locale.ROOT, "segmenting a %d x %d image with %s", run.width(), run.height(),
                            SegmentationOutput.describe(run.outputs()));
                    String smallest = String.format(Locale.ROOT, "tiles of %d px, 1 tile per call, blocks of %d rows and %d px output tiles",
                            g.tileSize(), blockRows, sinkTile);
                    throw HeapMemoryException.planDoesNotFit(doing, need, usableBytes, smallest);
                }
                steps.add("tile " + g.tileSize() + " -> " + smaller.tileSize() + " (overlap " + g.overlap() + " -> " + smaller.overlap() + ")");
                g = smaller;
                blockRows = Math.min(blockRows, Math.max(1, g.tileSize() - g.overlap()));
            }
        }
    }

    /** The heap estimate of one plan, bytes. */
    static long need(Run run, TileGrid g, int batch, int blockRows, int readAhead, int sinkTile) {
        long w = run.width(), t = g.tileSize(), th = Math.min(t, run.height()), c = run.inputBands(), k = run.classes();
        long rows = Math.min(blockRows, run.height());
        long reader = th * w * (2 * 4 * c + c + 1);          // decoded window, float copy, normalised band, data mask
        long batches = (readAhead + 2L) * batch * c * t * t * 4; // queued, being filled, being run
        long model = 3L * batch * k * t * t * 4;              // scores, softmax, the engine's copy
        long ring = th * w * (k + 1) * 8;                     // blend sums and weights in double
        long masks = 2 * th * w;
        long blocks = 3 * rows * w * (4 * k + 1) + rows * w * (1 + 4 + 4 + 4); // made, queued, written; derived rows
        long sinks = 0;
        long sinkRows = Math.min(sinkTile, run.height());
        for (SegmentationOutput o : run.outputs()) {
            if (!o.isRaster()) continue;
            long bytesPerPixel = switch (o) {
                case LABELS -> 1;
                case PROBABILITIES -> 4 * k;
                default -> 4;
            };
            sinks += 2 * sinkRows * w * bytesPerPixel + 8 * w; // a row of tiles, its compressed copy, one row of values
        }
        return FIXED_BYTES + reader + batches + model + ring + masks + blocks + sinks + vectorBytes(run);
    }

    /**
     * Heap for the vectorizer's open objects: an object is open while it has pixels in the last row, so at most
     * one per run of that row (width / 2 + 1) are open at once; at least 16 MB.
     */
    static long vectorBytes(Run run) {
        if (!run.outputs().contains(SegmentationOutput.VECTORS)) return 0;
        return Math.max(16L << 20, ((long) run.width() / 2 + 1) * BYTES_PER_OPEN_OBJECT);
    }
}
