package org.aerolux.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import org.aerolux.core.CancelledException;
import org.aerolux.core.ExitCode;
import org.aerolux.core.ModelException;
import org.aerolux.core.UsageException;
import org.aerolux.core.image.ImgRasterSink;
import org.aerolux.core.image.ImgRasterSource;
import org.aerolux.core.inference.InferenceOptions;
import org.aerolux.core.inference.OnnxModelLoader;
import org.aerolux.core.model.Model;
import org.aerolux.core.model.NchwTensor;
import org.aerolux.core.testing.CountingModel;
import org.aerolux.core.testing.TempFileSink;
import org.aerolux.core.testing.TestModels;
import org.aerolux.core.tile.AxisWeights;
import org.aerolux.core.tile.Blender;
import org.aerolux.core.tile.TileGrid;
import org.aerolux.core.tile.TileLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TiledPipelineTest {
    static final Blender[] BLENDS = {Blender.CENTER, Blender.COSINE, Blender.GAUSSIAN};
    static Model identity, conv;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        identity = OnnxModelLoader.load(TestModels.identity(), InferenceOptions.cpu(1));
        conv = OnnxModelLoader.load(TestModels.conv3x3(), InferenceOptions.cpu(1));
    }

    @AfterAll
    static void close() {
        identity.close();
        conv.close();
    }

    /** [b][y][x] random values of every magnitude (identity must return them bit for bit). */
    static float[][][] randomImage(int bands, int w, int h, long seed) {
        Random r = new Random(seed);
        float[][][] img = new float[bands][h][w];
        for (float[][] plane : img)
            for (float[] row : plane)
                for (int x = 0; x < w; x++)
                    row[x] = switch (r.nextInt(5)) {
                        case 0 -> r.nextFloat() * 255f;
                        case 1 -> (float) r.nextGaussian() * 1e-20f;
                        case 2 -> Float.intBitsToFloat(r.nextInt(0x00800000)); // subnormal
                        case 3 -> (r.nextFloat() - 0.5f) * 3e30f;
                        default -> -r.nextFloat();
                    };
        return img;
    }

    static ImgRasterSource<FloatType> source(float[][][] img) { return ImgRasterSource.of(toImg(img)); }

    static ArrayImg<FloatType, FloatArray> toImg(float[][][] img) {
        int b = img.length, h = img[0].length, w = img[0][0].length;
        float[] data = new float[b * h * w];
        for (int k = 0; k < b; k++)
            for (int y = 0; y < h; y++) System.arraycopy(img[k][y], 0, data, (k * h + y) * w, w);
        return ArrayImgs.floats(data, w, h, b);
    }

    static Collector run(Model model, float[][][] img, TileGrid grid, Blender blender, int batch) {
        Collector out = new Collector(model.outputChannels(), img[0][0].length, img[0].length);
        PipelineResult r = TiledPipeline.builder().source(source(img)).model(model).grid(grid).blender(blender).batchSize(batch)
                .build().run(out);
        assertTrue(out.finished && out.closed);
        assertEquals(r.layout().tileCount(), r.tilesRun());
        return out;
    }

    @Test
    void pointwiseModelTiledEqualsInputExactly() {
        int[][] sizes = {{1, 1}, {2, 3}, {5, 3}, {13, 7}, {31, 17}, {64, 64}, {97, 61}, {101, 37}, {23, 89}, {127, 131}};
        TileGrid[] grids = {new TileGrid(32, 8, 8), new TileGrid(16, 4, 8), new TileGrid(24, 6, 8), new TileGrid(40, 13, 8),
                new TileGrid(32, 0, 8), new TileGrid(64, 16, 8), new TileGrid(16, 12, 8)};
        int runs = 0;
        for (int[] s : sizes) {
            float[][][] img = randomImage(3, s[0], s[1], s[0] * 1000L + s[1]);
            for (TileGrid g : grids)
                for (Blender b : BLENDS) {
                    Collector out = run(identity, img, g, b, 1 + runs % 3);
                    String ctx = b.name() + " " + g + " image " + s[0] + "x" + s[1];
                    for (int c = 0; c < 3; c++)
                        for (int y = 0; y < s[1]; y++) {
                            assertArrayEquals(img[c][y], out.values[c][y], ctx + " row " + y);
                            for (boolean v : out.valid[y]) assertTrue(v, ctx);
                        }
                    runs++;
                }
        }
        assertEquals(sizes.length * grids.length * BLENDS.length, runs);
    }

    @Test
    void convModelTiledEqualsUntiled() {
        // receptive field 3x3: overlap >= 3 keeps both center and the feathered blends away from tile edges
        TileGrid[] grids = {new TileGrid(32, 4, 8), new TileGrid(24, 8, 8), new TileGrid(64, 16, 8), new TileGrid(16, 3, 8),
                new TileGrid(40, 12, 8)};
        int[][] sizes = {{83, 61}, {97, 53}, {7, 5}, {130, 41}, {29, 113}};
        Normalisation norm = Normalisation.of(conv.card());
        for (int[] s : sizes) {
            float[][][] img = new float[3][s[1]][s[0]];
            Random r = new Random(s[0]);
            for (float[][] p : img) for (float[] row : p) for (int x = 0; x < row.length; x++) row[x] = r.nextInt(256);
            for (TileGrid g : grids) {
                float[][][] reference = Untiled.run(conv, img, norm, g);
                for (Blender b : BLENDS) {
                    Collector out = run(conv, img, g, b, 2);
                    double tolerance = b == Blender.CENTER ? 1e-5 : 1e-4;
                    assertClose(reference, out.values, tolerance, b.name() + " " + g + " image " + s[0] + "x" + s[1]);
                }
            }
        }
    }

    @Test
    void convModelMatchesPyTorchOnTheWholeImage() throws Exception {
        // independent path: models/make_test_models.py ran the PyTorch module on the mirror-extended image
        Path dir = TestModels.fixtures("conv3x3");
        var meta = JsonParser.parseString(Files.readString(dir.resolve("whole_image.json"))).getAsJsonObject();
        var inShape = meta.getAsJsonArray("input_shape");
        int h = inShape.get(2).getAsInt(), w = inShape.get(3).getAsInt();
        float[] raw = readF32(dir.resolve("whole_image_input.f32"));
        float[] expected = readF32(dir.resolve("whole_image_output.f32"));
        float[][][] img = new float[3][h][w];
        for (int b = 0; b < 3; b++) for (int y = 0; y < h; y++) System.arraycopy(raw, (b * h + y) * w, img[b][y], 0, w);
        float[][][] ref = new float[2][h][w];
        for (int c = 0; c < 2; c++) for (int y = 0; y < h; y++) System.arraycopy(expected, (c * h + y) * w, ref[c][y], 0, w);
        for (Blender b : BLENDS) {
            Collector out = run(conv, img, TileGrid.of(conv.card()), b, 4);
            assertClose(ref, out.values, b == Blender.CENTER ? 1e-5 : 1e-4, "PyTorch vs tiled " + b.name());
        }
    }

    @Test
    void allNodataTilesAreNotRunAndMasked() {
        int w = 150, h = 110;
        float nodata = -9999f;
        float[][][] img = randomImage(3, w, h, 3);
        for (float[][] p : img) for (float[] row : p) for (int x = 0; x < w; x++) row[x] = Math.abs(row[x]) % 255;
        // nodata: the left 70 columns entirely, and one band only in a small patch (any band makes a pixel nodata)
        for (float[][] p : img) for (float[] row : p) for (int x = 0; x < 70; x++) row[x] = nodata;
        for (int y = 90; y < 95; y++) for (int x = 120; x < 125; x++) img[1][y][x] = nodata;
        img[2][5][100] = Float.NaN; // NaN is nodata too
        TileGrid grid = new TileGrid(32, 8, 8);
        for (Blender blender : BLENDS) {
            CountingModel counting = new CountingModel(conv);
            TiledPipeline p = TiledPipeline.builder().source(ImgRasterSource.withNodata(toImg(img), nodata)).model(counting)
                    .grid(grid).blender(blender).batchSize(3).build();
            TileLayout layout = p.layout();
            List<AxisWeights> xw = blender.weigh(layout.columns(), w);
            long skippedColumns = xw.stream().filter(a -> a.supportEnd() <= 70).count();
            Collector out = new Collector(2, w, h);
            PipelineResult r = p.run(out);
            long expectedSkips = skippedColumns * layout.rows().size();
            assertTrue(expectedSkips >= 4, "the test must skip tiles");
            assertEquals(expectedSkips, r.tilesSkipped(), blender.name());
            assertEquals(layout.tileCount() - expectedSkips, r.tilesRun());
            assertEquals(r.tilesRun(), counting.tiles.get(), "the model saw exactly the tiles run");
            long nodataPixels = 0;
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    boolean isNodata = x < 70 || (y >= 90 && y < 95 && x >= 120 && x < 125) || (y == 5 && x == 100);
                    assertEquals(!isNodata, out.valid[y][x], "mask at " + x + "," + y);
                    if (isNodata) {
                        nodataPixels++;
                        assertTrue(Float.isNaN(out.values[0][y][x]) && Float.isNaN(out.values[1][y][x]));
                    } else {
                        assertTrue(Float.isFinite(out.values[0][y][x]));
                    }
                }
            assertEquals(nodataPixels, r.nodataPixels());
            assertEquals((long) w * h - nodataPixels, r.validPixels());
        }
        // an image with nothing but nodata never calls the model
        float[][][] empty = new float[3][40][40];
        for (float[][] p : empty) for (float[] row : p) java.util.Arrays.fill(row, Float.NaN);
        CountingModel counting = new CountingModel(conv);
        Collector out = new Collector(2, 40, 40);
        PipelineResult r = TiledPipeline.builder().source(source(empty)).model(counting).grid(grid).build().run(out);
        assertEquals(0, counting.calls.get());
        assertEquals(r.layout().tileCount(), r.tilesSkipped());
        assertEquals(1600, r.nodataPixels());
        assertTrue(out.finished);
    }

    @Test
    void cancelMidRunLeavesNoOutputFile() throws Exception {
        float[][][] img = randomImage(3, 120, 100, 9);
        Path target = tmp.resolve("out.f32");
        Cancellation cancel = new Cancellation();
        AtomicInteger events = new AtomicInteger();
        TiledPipeline p = TiledPipeline.builder().source(source(img)).model(conv).grid(new TileGrid(32, 8, 8)).batchSize(2)
                .cancellation(cancel).progress(e -> {
                    if (events.incrementAndGet() == 5) cancel.cancel();
                }).build();
        BlockConsumer sink = BlockConsumers.toSink(new TempFileSink(target, 100), Float.NaN);
        CancelledException e = assertThrows(CancelledException.class, () -> p.run(sink));
        assertEquals(ExitCode.CANCELLED, e.exitCode());
        assertEquals(130, e.exitCode().code());
        assertTrue(events.get() >= 5 && events.get() < p.layout().tileCount(), "stopped mid-run: " + events.get());
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(), files.toList(), "no output file, no temporary file");
        }
        // the same run without cancel commits the file
        TiledPipeline.builder().source(source(img)).model(conv).grid(new TileGrid(32, 8, 8)).build()
                .run(BlockConsumers.toSink(new TempFileSink(target, 100), Float.NaN));
        assertEquals(120L * 100 * 2 * 4, Files.size(target));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void aFailingTileIsRetriedOnceThenNamed() {
        float[][][] img = randomImage(3, 90, 70, 4);
        for (float[][] p : img) for (float[] row : p) for (int x = 0; x < row.length; x++) row[x] = Math.abs(row[x]) % 100;
        img[0][40][50] = 12345f; // a marker only some tiles contain
        TileGrid grid = new TileGrid(32, 8, 8);
        // transient: the first batch holding the marker fails once, the retry succeeds
        FlakyModel transientFailure = new FlakyModel(identity, 1);
        Collector out = new Collector(3, 90, 70);
        PipelineResult r = TiledPipeline.builder().source(source(img)).model(transientFailure).grid(grid).batchSize(4).build().run(out);
        assertEquals(1, r.retries());
        assertEquals(12345f, out.values[0][40][50]);
        assertArrayEquals(img[1][3], out.values[1][3]);
        // permanent: the tile fails again and the run names it
        FlakyModel broken = new FlakyModel(identity, Integer.MAX_VALUE);
        Collector failed = new Collector(3, 90, 70);
        ModelException e = assertThrows(ModelException.class,
                () -> TiledPipeline.builder().source(source(img)).model(broken).grid(grid).batchSize(4).build().run(failed));
        assertEquals(4, e.exitCode().code());
        assertTrue(e.getMessage().matches("the model failed twice on tile \\(row \\d+, col \\d+\\) at x -?\\d+\\.\\.\\d+, y -?\\d+\\.\\.\\d+: .*"),
                e.getMessage());
        assertTrue(e.getMessage().contains("marker"), e.getMessage());
        assertTrue(failed.closed && !failed.finished, "the consumer is closed without finish");
    }

    @Test
    void progressCountsEveryTileWithAnEta() {
        float[][][] img = randomImage(3, 70, 50, 5);
        List<ProgressEvent> events = new ArrayList<>();
        Collector out = new Collector(3, 70, 50);
        PipelineResult r = TiledPipeline.builder().source(source(img)).model(identity).grid(new TileGrid(16, 4, 8)).batchSize(3)
                .progress(events::add).build().run(out);
        assertEquals(r.layout().rows().size(), out.blocks, "one block of finished rows per tile row");
        assertEquals(r.layout().tileCount(), events.size());
        for (int i = 0; i < events.size(); i++) {
            ProgressEvent e = events.get(i);
            assertEquals(i + 1, e.done());
            assertEquals(r.layout().tileCount(), e.total());
            assertTrue(e.eta().isPresent());
            assertFalse(e.elapsed().isNegative());
        }
        assertEquals(0, events.get(events.size() - 1).eta().get().toNanos());
        assertEquals("cpu", r.device().device());
        assertEquals("cosine", r.blender());
        assertEquals(70L * 50, r.validPixels());
        assertTrue(r.total().toNanos() > 0 && r.tilesPerSecond() > 0);
    }

    @Test
    void bandsMayRepeatAndWriteThroughARasterSink() {
        float[][][] gray = randomImage(1, 45, 33, 6);
        ImgRasterSink<FloatType> sink = new ImgRasterSink<>(45, 33, 3, new FloatType());
        TiledPipeline.builder().source(source(gray)).bands(0, 0, 0).model(identity).grid(new TileGrid(16, 4, 8)).build()
                .run(BlockConsumers.toSink(sink, Float.NaN));
        Img<FloatType> result = sink.result().orElseThrow();
        var ra = result.randomAccess();
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 33; y++)
                for (int x = 0; x < 45; x++) {
                    ra.setPosition(new int[] {x, y, c});
                    assertEquals(gray[0][y][x], ra.get().get());
                }
    }

    @Test
    void perPixelOutputsFanOutFromOneBlock() {
        float[][][] img = randomImage(3, 40, 30, 8);
        for (float[][] p : img) for (float[] row : p) for (int x = 0; x < row.length; x++) row[x] = Math.abs(row[x]) % 10;
        img[0][7][9] = Float.NaN;
        Collector labels = new Collector(1, 40, 30), sum = new Collector(1, 40, 30);
        BlockConsumer both = BlockConsumers.tee(
                BlockConsumers.perPixel(1, (in, out) -> out[0] = in[0] > in[1] ? 0 : 1, labels),
                BlockConsumers.perPixel(1, (in, out) -> out[0] = in[0] + in[1] + in[2], sum));
        TiledPipeline.builder().source(source(img)).model(identity).grid(new TileGrid(16, 4, 8)).build().run(both);
        assertTrue(labels.finished && sum.finished && labels.closed && sum.closed);
        assertEquals(img[0][3][4] > img[1][3][4] ? 0f : 1f, labels.values[0][3][4]);
        assertEquals(img[0][3][4] + img[1][3][4] + img[2][3][4], sum.values[0][3][4]);
        assertFalse(labels.valid[7][9]);
        assertTrue(Float.isNaN(sum.values[0][7][9]));
    }

    @Test
    void fixedSizeModelsGetFullTilesInChunksOfTheirBatch() {
        try (Model fixed = OnnxModelLoader.load(TestModels.get("fixed32.onnx"), InferenceOptions.cpu(1))) {
            assertEquals(32, fixed.fixedTileSize());
            for (int[] s : new int[][] {{50, 40}, {5, 3}}) {
                float[][][] img = randomImage(3, s[0], s[1], 11);
                CountingModel counting = new CountingModel(fixed);
                Collector out = new Collector(3, s[0], s[1]);
                PipelineResult r = TiledPipeline.builder().source(source(img)).model(counting).batchSize(3).build().run(out);
                assertEquals(32, r.layout().tileWidth(), "a small image still gets the fixed tile size");
                assertEquals(32, r.layout().tileHeight());
                for (int c = 0; c < 3; c++) for (int y = 0; y < s[1]; y++) assertArrayEquals(img[c][y], out.values[c][y]);
            }
            UsageException e = assertThrows(UsageException.class, () -> TiledPipeline.builder().source(source(randomImage(3, 9, 9, 1)))
                    .model(fixed).grid(new TileGrid(16, 4, 8)).build());
            assertTrue(e.getMessage().contains("fixed 32x32 tiles"), e.getMessage());
        }
    }

    @Test
    void optionsThatDoNotFitAreUsageErrors() {
        float[][][] one = randomImage(1, 20, 20, 1);
        UsageException tooFew = assertThrows(UsageException.class, () -> TiledPipeline.builder().source(source(one)).model(identity).build());
        assertTrue(tooFew.getMessage().contains("takes 3 bands (red, green, blue) but the input has 1"), tooFew.getMessage());
        assertTrue(assertThrows(UsageException.class, () -> TiledPipeline.builder().source(source(one)).model(identity).bands(0, 0).build())
                .getMessage().contains("--bands lists 2 bands but the model takes 3"));
        assertTrue(assertThrows(UsageException.class, () -> TiledPipeline.builder().source(source(one)).model(identity).bands(0, 1, 0).build())
                .getMessage().contains("band 2 does not exist"));
        assertThrows(UsageException.class, () -> TiledPipeline.builder().source(source(one)).model(identity).bands(0, 0, 0).batchSize(0).build());
        assertThrows(UsageException.class, () -> TiledPipeline.builder().source(source(one)).model(identity).bands(0, 0, 0)
                .grid(new TileGrid(12, 2, 4)).build());
    }

    /** Fails (a real model error) on batches holding the 12345 marker, the first {@code failures} times. */
    static final class FlakyModel extends CountingModel {
        private final int failures;
        private int failed;

        FlakyModel(Model delegate, int failures) {
            super(delegate);
            this.failures = failures;
        }

        @Override
        public NchwTensor run(NchwTensor batch) {
            for (float v : batch.data()) {
                if (v == 12345f && failed < failures) {
                    failed++;
                    throw new ModelException(null, "injected failure on the marker");
                }
            }
            return super.run(batch);
        }
    }

    static void assertClose(float[][][] expected, float[][][] actual, double tolerance, String ctx) {
        double worst = 0;
        for (int c = 0; c < expected.length; c++)
            for (int y = 0; y < expected[c].length; y++)
                for (int x = 0; x < expected[c][y].length; x++)
                    worst = Math.max(worst, Math.abs(expected[c][y][x] - actual[c][y][x]));
        assertTrue(worst <= tolerance, ctx + ": max difference " + worst + " > " + tolerance);
    }

    static float[] readF32(Path p) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }
}
