package org.aerolux.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.imglib2.Interval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import org.aerolux.core.inference.InferenceOptions;
import org.aerolux.core.inference.OnnxModelLoader;
import org.aerolux.core.model.Model;
import org.aerolux.core.model.NchwTensor;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.core.testing.CountingModel;
import org.aerolux.core.testing.TestModels;
import org.aerolux.core.tile.Blender;
import org.aerolux.core.tile.TileGrid;
import org.junit.jupiter.api.Test;

/**
 * Keeping the device fed: while the model runs a batch, the reader thread already reads and cuts the next tiles, and
 * it stays a bounded distance ahead. Shown by order of events, not by timing: the model's first call waits until the
 * source has been asked for the next tile row (it would time out, and fail, if reading waited for the model).
 */
class PrefetchTest {
    /** A source that records which image rows each read starts at, and signals the second read. */
    static final class WatchedSource implements RasterSource {
        final RasterSource delegate;
        final List<Long> readRows = new CopyOnWriteArrayList<>();
        final CountDownLatch secondRead = new CountDownLatch(2);

        WatchedSource(RasterSource delegate) { this.delegate = delegate; }

        @Override
        public RasterInfo info() { return delegate.info(); }

        @Override
        public RandomAccessibleInterval<FloatType> read(Interval window, int... bands) {
            readRows.add(window.min(1));
            secondRead.countDown();
            return delegate.read(window, bands);
        }

        @Override
        public void close() { delegate.close(); }
    }

    @Test
    void theReaderPreparesTheNextTileRowWhileTheModelRunsAndStaysBounded() throws Exception {
        float[][][] img = TiledPipelineTest.randomImage(3, 40, 300, 7); // one tile column, many tile rows
        WatchedSource source = new WatchedSource(TiledPipelineTest.source(img));
        List<Integer> readsAtCall = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        try (Model identity = OnnxModelLoader.load(TestModels.identity(), InferenceOptions.cpu(1))) {
            Model waiting = new CountingModel(identity) {
                @Override
                public NchwTensor run(NchwTensor batch) {
                    if (calls.getAndIncrement() == 0) {
                        try {
                            assertTrue(source.secondRead.await(60, TimeUnit.SECONDS),
                                    "the next tile row was not read while the model held the first batch");
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    readsAtCall.add(source.readRows.size());
                    return super.run(batch);
                }
            };
            Collector out = new Collector(3, 40, 300);
            PipelineResult r = TiledPipeline.builder().source(source).model(waiting).grid(new TileGrid(48, 16, 8))
                    .blender(Blender.COSINE).batchSize(1).build().run(out);
            int rows = r.layout().rows().size();
            assertTrue(rows >= 8, "enough tile rows to see the reader ahead: " + rows);
            assertEquals(rows, source.readRows.size(), "each tile row's band of image rows is read once");
            for (int i = 1; i < rows; i++)
                assertTrue(source.readRows.get(i) > source.readRows.get(i - 1), "rows are read top to bottom: " + source.readRows);
            // bounded: at the k-th model call (tile row k) the reader has read at most 3 rows beyond it
            // (one batch being built, two queued)
            for (int k = 0; k < readsAtCall.size(); k++)
                assertTrue(readsAtCall.get(k) <= k + 1 + 3, "reader too far ahead at call " + k + ": " + readsAtCall);
            assertTrue(readsAtCall.get(0) >= 2, "ahead at the first call: " + readsAtCall);
            // and the prefetched tiles arrive in order: the identity model gives back the image exactly
            for (int c = 0; c < 3; c++)
                for (int y = 0; y < 300; y++) assertArrayEquals(img[c][y], out.values[c][y], "channel " + c + " row " + y);
        }
    }
}
