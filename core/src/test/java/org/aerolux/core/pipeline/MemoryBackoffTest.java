package org.aerolux.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.aerolux.core.DeviceMemoryException;
import org.aerolux.core.ExitCode;
import org.aerolux.core.inference.InferenceOptions;
import org.aerolux.core.inference.OnnxModelLoader;
import org.aerolux.core.inference.OutOfMemoryAbove;
import org.aerolux.core.model.Model;
import org.aerolux.core.testing.TestModels;
import org.aerolux.core.tile.Blender;
import org.aerolux.core.tile.TileGrid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Out of device memory: the real 3x3 convolution model behind {@link OutOfMemoryAbove} (ONNX Runtime's own arena
 * failure for batches or tiles above a size) must give the same outputs as an unfailing run, with the back-off
 * reported.
 */
class MemoryBackoffTest {
    static Model conv, fixed;

    @BeforeAll
    static void load() {
        conv = OnnxModelLoader.load(TestModels.conv3x3(), InferenceOptions.cpu(1));
        fixed = OnnxModelLoader.load(TestModels.get("fixed32.onnx"), InferenceOptions.cpu(1));
    }

    @AfterAll
    static void close() {
        conv.close();
        fixed.close();
    }

    static float[][][] image(int w, int h, long seed) {
        Random r = new Random(seed);
        float[][][] img = new float[3][h][w];
        for (float[][] p : img) for (float[] row : p) for (int x = 0; x < w; x++) row[x] = r.nextInt(256);
        return img;
    }

    record Run(Collector out, PipelineResult result) {}

    static Run run(Model model, float[][][] img, TileGrid grid, int batch) {
        Collector out = new Collector(model.outputChannels(), img[0][0].length, img[0].length);
        PipelineResult r = TiledPipeline.builder().source(TiledPipelineTest.source(img)).model(model).grid(grid)
                .blender(Blender.COSINE).batchSize(batch).build().run(out);
        assertTrue(out.finished && out.closed);
        return new Run(out, r);
    }

    static void assertSameOutputs(Collector expected, Collector actual) {
        for (int c = 0; c < expected.values.length; c++)
            for (int y = 0; y < expected.values[c].length; y++)
                assertArrayEquals(expected.values[c][y], actual.values[c][y], "channel " + c + " row " + y);
        for (int y = 0; y < expected.valid.length; y++) assertArrayEquals(expected.valid[y], actual.valid[y]);
    }

    @Test
    void batchIsHalvedUntilItFitsAndOutputsEqualAnUnfailingRun() {
        float[][][] img = image(150, 110, 1);
        TileGrid grid = new TileGrid(32, 8, 8);
        Run reference = run(conv, img, grid, 8);
        assertFalse(reference.result().backoff().happened());
        assertEquals("none", reference.result().backoff().summary());

        OutOfMemoryAbove oom = new OutOfMemoryAbove(conv, 2, Long.MAX_VALUE);
        Run backedOff = run(oom, img, grid, 8);
        assertSameOutputs(reference.out(), backedOff.out());
        MemoryBackoff b = backedOff.result().backoff();
        assertEquals(8, b.requestedBatch());
        assertEquals(2, b.finalBatch());
        assertEquals(32, b.finalTile());
        assertEquals(2, b.events().size(), b.events().toString());
        assertEquals("batch 8 -> 4 after out of device memory on a 8x3x32x32 batch (Available memory of 0 is smaller than requested"
                + " bytes of 12582912)", b.events().get(0));
        assertTrue(b.events().get(1).startsWith("batch 4 -> 2"), b.events().get(1));
        assertEquals("batch 8 -> 2 (2 steps)", b.summary());
        // after the back-off, no call asks for more than 2 tiles: exactly two failed calls in the whole run
        assertEquals(2, oom.log.stream().filter(s -> s.endsWith("oom")).count(), oom.log.toString());
        assertEquals(reference.result().tilesRun(), backedOff.result().tilesRun());
        assertEquals(0, backedOff.result().retries(), "an out-of-memory batch is not a model failure");
    }

    @Test
    void whenOneTileDoesNotFitTilesShrinkAndTheRunEqualsOneWithTheSmallerTiles() {
        float[][][] img = image(130, 97, 2);
        OutOfMemoryAbove oom = new OutOfMemoryAbove(conv, Integer.MAX_VALUE, 80 * 80);
        Run shrunk = run(oom, img, new TileGrid(128, 32, 8), 4);
        Run reference = run(conv, img, new TileGrid(64, 16, 8), 4);
        assertSameOutputs(reference.out(), shrunk.out());
        MemoryBackoff b = shrunk.result().backoff();
        assertEquals(128, b.requestedTile());
        assertEquals(64, b.finalTile());
        assertEquals(64, shrunk.result().layout().tileWidth());
        assertEquals(4, b.finalBatch(), "a quarter of the pixels: the batch goes back up to the requested 4");
        List<String> e = b.events();
        assertEquals(List.of("batch 4 -> 2", "batch 2 -> 1", "tile 128 (overlap 32) -> 64 (overlap 16), batch 4, restarting the run"),
                e.stream().map(s -> s.substring(0, s.indexOf(" after "))).toList());
        assertEquals("tile 128 -> 64 (3 steps)", b.summary());
        assertEquals(reference.result().layout().tileCount(), shrunk.result().tilesRun());
    }

    @Test
    void whenTilesCannotShrinkTheRunFailsAsADeviceErrorAndLeavesNoOutput() {
        float[][][] img = image(70, 50, 3);
        Collector out = new Collector(fixed.outputChannels(), 70, 50);
        TiledPipeline p = TiledPipeline.builder().source(TiledPipelineTest.source(img)).model(new OutOfMemoryAbove(fixed, 0, 0))
                .grid(new TileGrid(32, 8, 8)).batchSize(2).build();
        DeviceMemoryException e = assertThrows(DeviceMemoryException.class, () -> p.run(out));
        assertEquals(ExitCode.DEVICE, e.exitCode());
        assertTrue(e.getMessage().contains("out of device memory even with 1 tile of 32 px per call"), e.getMessage());
        assertTrue(e.getMessage().contains("this model takes fixed 32 px tiles"), e.getMessage());
        assertTrue(e.getMessage().contains("use --device cpu"), e.getMessage());
        assertTrue(e.getMessage().contains("batch 2 -> 1"), e.getMessage());
        assertTrue(out.closed && !out.finished, "closed without finish: sinks leave no file");

        Collector out2 = new Collector(conv.outputChannels(), 70, 50);
        TiledPipeline q = TiledPipeline.builder().source(TiledPipelineTest.source(img)).model(new OutOfMemoryAbove(conv, 1, 0))
                .grid(new TileGrid(128, 32, 8)).batchSize(1).build();
        DeviceMemoryException e2 = assertThrows(DeviceMemoryException.class, () -> q.run(out2));
        assertTrue(e2.getMessage().contains("tiles cannot shrink below 64 px"), e2.getMessage());
        assertTrue(e2.getMessage().contains("tile 128 (overlap 32) -> 64 (overlap 16)"), e2.getMessage());
        assertTrue(out2.closed && !out2.finished);
    }

    @Test
    void shrinkHalvesTileAndOverlapWithinTheSizeMultiple() {
        assertEquals(new TileGrid(256, 64, 32), TiledPipeline.shrink(new TileGrid(512, 128, 32), 0));
        assertEquals(new TileGrid(96, 20, 32), TiledPipeline.shrink(new TileGrid(224, 40, 32), 0)); // 112 -> 96
        assertEquals(new TileGrid(64, 0, 32), TiledPipeline.shrink(new TileGrid(128, 0, 32), 0));
        assertNull(TiledPipeline.shrink(new TileGrid(96, 16, 32), 0), "48 -> 32 is below the 64 px floor");
        assertNull(TiledPipeline.shrink(new TileGrid(512, 128, 32), 512), "fixed-size model");
        assertEquals(new TileGrid(64, 63, 64), TiledPipeline.shrink(new TileGrid(128, 127, 64), 0));
    }
}
