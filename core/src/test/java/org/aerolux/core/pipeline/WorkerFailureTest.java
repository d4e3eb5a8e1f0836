package org.aerolux.core.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.TimeUnit;
import org.aerolux.core.ExitCode;
import org.aerolux.core.HeapMemoryException;
import org.aerolux.core.inference.InferenceOptions;
import org.aerolux.core.inference.OnnxModelLoader;
import org.aerolux.core.model.Model;
import org.aerolux.core.testing.TestModels;
import org.aerolux.core.tile.Blender;
import org.aerolux.core.tile.TileGrid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 22 at the engine: the tile reader's and the output writer's throwables (an OutOfMemoryError, another
 * Error, a RuntimeException) reach the thread that runs the pipeline, which ends at once instead of waiting for a
 * batch that never comes, and closes the consumer without finishing it; an OutOfMemoryError becomes exit code 6
 * naming what the thread was doing. Blocks are handed on in at most the planned number of rows.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class WorkerFailureTest {
    static Model conv;

    @BeforeAll
    static void load() { conv = OnnxModelLoader.load(TestModels.conv3x3(), InferenceOptions.cpu(1)); }

    @AfterAll
    static void close() { conv.close(); }

    private static Throwable failure(String fault, boolean async) {
        Collector out = new Collector(conv.outputChannels(), 150, 110);
        TiledPipeline p = TiledPipeline.builder().source(TiledPipelineTest.source(MemoryBackoffTest.image(150, 110, 3))).model(conv)
                .grid(new TileGrid(32, 8, 8)).blender(Blender.COSINE).batchSize(2).build();
        System.setProperty(FaultInjection.PROPERTY, fault);
        try {
            Throwable t = assertThrows(Throwable.class, () -> p.run(async ? new AsyncBlockConsumer(out, 1) : out), fault);
            assertTrue(out.closed && !out.finished, fault + ": the consumer is closed, not finished (sinks remove their files)");
            return t;
        } finally {
            System.clearProperty(FaultInjection.PROPERTY);
        }
    }

    @Test
    void theReadersThrowablesEndTheRun() {
        HeapMemoryException oom = assertInstanceOf(HeapMemoryException.class, failure("reader:oom", false));
        assertEquals(ExitCode.OUT_OF_MEMORY, oom.exitCode());
        assertTrue(oom.getMessage().startsWith("out of memory while reading and normalising input rows "), oom.getMessage());
        assertTrue(oom.getMessage().contains("give Java a larger heap, e.g. JAVA_OPTS=-Xmx"), oom.getMessage());
        assertInstanceOf(FaultInjection.InjectedError.class, failure("reader:error", false));
        assertInstanceOf(IllegalStateException.class, failure("reader:runtime", false));
    }

    @Test
    void theWritersThrowablesEndTheRun() {
        HeapMemoryException oom = assertInstanceOf(HeapMemoryException.class, failure("writer:oom", true));
        assertTrue(oom.getMessage().startsWith("out of memory while writing the outputs of rows "), oom.getMessage());
        assertInstanceOf(FaultInjection.InjectedError.class, failure("writer:error", true));
        assertInstanceOf(IllegalStateException.class, failure("writer:runtime", true));
    }

    @Test
    void blocksHoldAtMostThePlannedRowsAndTheOutputsAreTheSame() {
        float[][][] img = MemoryBackoffTest.image(150, 110, 5);
        Collector whole = new Collector(conv.outputChannels(), 150, 110), small = new Collector(conv.outputChannels(), 150, 110);
        TiledPipeline.builder().source(TiledPipelineTest.source(img)).model(conv).grid(new TileGrid(32, 8, 8)).batchSize(2).build().run(whole);
        int[] most = {0};
        BlockConsumer counting = new BlockConsumer() {
            @Override
            public void accept(OutputBlock b) {
                most[0] = Math.max(most[0], b.height());
                small.accept(b);
            }

            @Override
            public void finish() { small.finish(); }

            @Override
            public void close() { small.close(); }
        };
        TiledPipeline.builder().source(TiledPipelineTest.source(img)).model(conv).grid(new TileGrid(32, 8, 8)).batchSize(2)
                .blockRows(5).readAhead(1).build().run(counting);
        assertEquals(5, most[0]);
        MemoryBackoffTest.assertSameOutputs(whole, small);
    }
}
