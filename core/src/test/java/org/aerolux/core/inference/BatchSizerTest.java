package org.aerolux.core.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.aerolux.core.model.ModelCard;
import org.aerolux.core.model.ModelCardParser;
import org.aerolux.core.model.OnnxModelFile;
import org.aerolux.core.testing.TestModels;
import org.junit.jupiter.api.Test;

/** The automatic batch from free GPU memory: a pure function of its inputs. */
class BatchSizerTest {
    static final long GIB = 1L << 30, MIB = 1L << 20;

    @Test
    void anExplicitBatchIsKeptAndTheCpuGetsTheFallback() {
        assertEquals(new BatchSizer.Choice(7, "--batch 7"), BatchSizer.choose(7, true, "gpu:0", OptionalLong.of(80 * GIB), 0, GIB, 512));
        assertEquals(new BatchSizer.Choice(4, "auto: 4 on the CPU"), BatchSizer.choose(0, false, "cpu", OptionalLong.empty(), 0, GIB, 512));
        BatchSizer.Choice unknown = BatchSizer.choose(0, true, "gpu:0", OptionalLong.empty(), 0, GIB, 512);
        assertEquals(4, unknown.batch());
        assertEquals("auto: free GPU memory unknown; 4", unknown.reason());
    }

    @Test
    void theBatchIsWhatFitsInFreeMemoryBetweenOneAndTheCap() {
        // 10 GiB free: 8 GiB usable, 1 GiB reserve -> 7 GiB / 1 GiB per tile = 7
        BatchSizer.Choice c = BatchSizer.choose(0, true, "gpu:1", OptionalLong.of(10 * GIB), 0, GIB, 512);
        assertEquals(7, c.batch());
        assertEquals("auto: 7 tiles of 512 px (1024 MiB each) for 10.0 GiB free on gpu:1", c.reason());
        // gpu_mem_limit 3 GiB below the usable 8 GiB: (3 - 1) GiB / 512 MiB = 4
        BatchSizer.Choice limited = BatchSizer.choose(0, true, "gpu:0", OptionalLong.of(10 * GIB), 3 * GIB, 512 * MIB, 256);
        assertEquals(4, limited.batch());
        assertTrue(limited.reason().endsWith("(gpu_mem_limit 3 GiB)"), limited.reason());
        BatchSizer.Choice huge = BatchSizer.choose(0, true, "gpu:0", OptionalLong.of(140 * GIB), 0, 64 * MIB, 256);
        assertEquals(BatchSizer.MAX_AUTO, huge.batch());
        assertTrue(huge.reason().endsWith("capped at 32"), huge.reason());
        BatchSizer.Choice tight = BatchSizer.choose(0, true, "gpu:0", OptionalLong.of(GIB), 0, GIB, 1024);
        assertEquals(1, tight.batch());
        assertTrue(tight.reason().contains("not even one fits: 1"), tight.reason());
    }

    @Test
    void theTileCostComesFromTheCardsActivationEstimate() throws Exception {
        var file = TestModels.conv3x3();
        ModelCard card = ModelCardParser.read(file, OnnxModelFile.read(file));
        long io = 4L * (card.bandCount() + card.expectedOutputChannels());
        assertEquals((BatchSizer.DEFAULT_ACTIVATION_BYTES_PER_PIXEL + io) * 512 * 512, BatchSizer.bytesPerTile(card, 512));
        java.util.Map<String, String> md = new java.util.LinkedHashMap<>(card.toMetadata());
        md.put(BatchSizer.ACTIVATION_KEY, "1000");
        ModelCard declared = ModelCardParser.parse(file, md);
        assertEquals(1000, BatchSizer.activationBytesPerPixel(declared));
        assertEquals((1000 + io) * 256 * 256, BatchSizer.bytesPerTile(declared, 256));
        md.put(BatchSizer.ACTIVATION_KEY, "lots");
        assertEquals(BatchSizer.DEFAULT_ACTIVATION_BYTES_PER_PIXEL, BatchSizer.activationBytesPerPixel(ModelCardParser.parse(file, md)));
    }
}
