package org.aerolux.segmentation;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.aerolux.core.ExitCode;
import org.aerolux.core.ModelException;
import org.aerolux.core.UsageException;
import org.aerolux.core.image.ImgRasterSink;
import org.aerolux.core.image.ImgRasterSource;
import org.aerolux.core.inference.InferenceOptions;
import org.aerolux.core.inference.OnnxModelLoader;
import org.aerolux.core.model.Model;
import org.aerolux.core.model.ModelRegistry;
import org.aerolux.core.model.NchwTensor;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.pipeline.ProgressListener;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.Rasters;
import org.aerolux.core.testing.CountingModel;
import org.aerolux.core.tile.TileGrid;
import org.aerolux.core.testing.TestModels;
import org.aerolux.core.tile.Blender;
import org.aerolux.segmentation.area.PixelAreaModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The segmenter on in-memory rasters with real ONNX models: outputs, blending, temperature, nodata, bands. */
class SegmenterTest {
    static final int W = 150, H = 97;

    @TempDir
    Path tmp;

    /** A 3-band uint8 image of random values in 0..255 with a few exact ties. */
    static ArrayImg<UnsignedByteType, ByteArray> image(long seed) {
        ArrayImg<UnsignedByteType, ByteArray> img = ArrayImgs.unsignedBytes(W, H, 3);
        byte[] d = img.update(null).getCurrentStorageArray();
        new Random(seed).nextBytes(d);
        for (int i = 0; i < 50; i++) d[i + W * H] = d[i]; // ties between red and green: the lower class wins
        return img;
    }

    static float v(ArrayImg<UnsignedByteType, ByteArray> img, int x, int y, int b) {
        return img.update(null).getCurrentStorageArray()[(b * H + y) * W + x] & 0xFF;
    }

    record Outputs(Img<UnsignedByteType> labels, Img<FloatType> probabilities, Img<FloatType> confidence, Img<FloatType> entropy,
                   SegmentationResult result) {}

    static Outputs run(Segmenter s, ImgRasterSource<?> src, List<org.aerolux.core.pipeline.BlockConsumer> listeners) {
        int w = src.info().width(), h = src.info().height(), c = s.model().card().classCount();
        var labels = new ImgRasterSink<>(w, h, 1, new UnsignedByteType());
        var probs = new ImgRasterSink<>(w, h, c, new FloatType());
        var conf = new ImgRasterSink<>(w, h, 1, new FloatType());
        var ent = new ImgRasterSink<>(w, h, 1, new FloatType());
        SegmentationSinks sinks = SegmentationSinks.builder().raster(SegmentationOutput.LABELS, labels)
                .raster(SegmentationOutput.PROBABILITIES, probs).raster(SegmentationOutput.CONFIDENCE, conf)
                .raster(SegmentationOutput.ENTROPY, ent).build();
        SegmentationResult r = s.run(src, sinks, PixelAreaModel.of(src.info().georeference()), ProgressListener.NONE, new Cancellation(), listeners);
        return new Outputs(labels.result().orElseThrow(), probs.result().orElseThrow(), conf.result().orElseThrow(),
                ent.result().orElseThrow(), r);
    }

    static Segmenter open(Path model, SegmentationOptions.Builder b) {
        return Segmenter.open(b.model(model.toString()).device(org.aerolux.core.model.DeviceRequest.CPU).threads(1).build(),
                ModelRegistry.empty());
    }

    @Test
    void everyOutputEqualsThePerPixelSoftmaxWhateverTheTilingAndBlend() {
        Path model = SegTestModels.dominant(tmp);
        var img = image(1);
        for (Blender blend : new Blender[] {Blender.CENTER, Blender.COSINE, Blender.GAUSSIAN}) {
            for (int[] grid : new int[][] {{32, 8}, {48, 16}, {256, 0}}) {
                try (Segmenter s = open(model, SegmentationOptions.builder().blend(blend).tile(grid[0]).overlap(grid[1]).batch(3))) {
                    Outputs o = run(s, ImgRasterSource.of(img), List.of());
                    String what = blend.name() + " tile " + grid[0] + " overlap " + grid[1];
                    assertEquals(1.0, o.result().temperature());
                    checkAgainstSoftmax(img, o, 1.0, what);
                }
            }
        }
    }

    static void checkAgainstSoftmax(ArrayImg<UnsignedByteType, ByteArray> img, Outputs o, double t, String what) {
        var lab = o.labels().randomAccess();
        var prob = o.probabilities().randomAccess();
        var conf = o.confidence().randomAccess();
        var ent = o.entropy().randomAccess();
        long[] hist = new long[3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double[] z = new double[3];
                double max = -1e9, sum = 0;
                int best = 0;
                for (int b = 0; b < 3; b++) {
                    z[b] = v(img, x, y, b) / 25.5 / t;
                    if (z[b] > max) {
                        max = z[b];
                        best = b;
                    }
                }
                for (int b = 0; b < 3; b++) sum += Math.exp(z[b] - max);
                double h = 0;
                for (int b = 0; b < 3; b++) {
                    double p = Math.exp(z[b] - max) / sum;
                    h -= p * Math.log(p);
                    assertEquals(p, prob.setPositionAndGet(x, y, b).get(), 2e-6, what + " p" + b + " at " + x + "," + y);
                }
                assertEquals(best, lab.setPositionAndGet(x, y, 0).get(), what + " label at " + x + "," + y);
                assertEquals(1 / sum, conf.setPositionAndGet(x, y, 0).get(), 2e-6, what + " confidence");
                assertEquals(h, ent.setPositionAndGet(x, y, 0).get(), 1e-5, what + " entropy");
                hist[best]++;
            }
        }
        for (int k = 0; k < 3; k++) assertEquals(hist[k], o.result().statistics().classes().get(k).pixels(), what + " class " + k);
        assertEquals(0, o.result().statistics().nodataPixels());
    }

    @Test
    void temperatureAutoIsTheCardsAndAnExplicitOneWins() {
        Path model = SegTestModels.dominant(tmp, 32, 8, 8, 25.5, 1.7);
        var img = image(2);
        try (Segmenter s = open(model, SegmentationOptions.builder())) {
            assertEquals(1.7, s.temperature());
            checkAgainstSoftmax(img, run(s, ImgRasterSource.of(img), List.of()), 1.7, "auto");
        }
        try (Segmenter s = open(model, SegmentationOptions.builder().temperature(Temperature.parse("0.5")))) {
            assertEquals(0.5, s.temperature());
            checkAgainstSoftmax(img, run(s, ImgRasterSource.of(img), List.of()), 0.5, "T 0.5");
        }
    }

    @Test
    void outOfDeviceMemoryShrinksTilesAndTheResultAndProvenanceSaySo() {
        // the real pointwise model behind ONNX Runtime's own arena failure for tiles above 80x80 px: the run backs off
        // (batch 4 -> 2 -> 1, then tiles 128 -> 64) and, the model being pointwise, gives the unfailing run's labels
        Path model = SegTestModels.dominant(tmp);
        var img = image(5);
        SegmentationOptions opt = SegmentationOptions.builder().model(model.toString()).tile(128).overlap(32).batch(4).build();
        try (Model loaded = OnnxModelLoader.load(model, InferenceOptions.cpu(1))) {
            Outputs reference;
            try (Segmenter s = Segmenter.of(new CountingModel(loaded) {
                @Override
                public void close() {}
            }, Optional.empty(), opt)) {
                reference = run(s, ImgRasterSource.of(img), List.of());
            }
            var oom = new org.aerolux.core.inference.OutOfMemoryAbove(loaded, Integer.MAX_VALUE, 80 * 80); // closes the model (again)
            try (Segmenter s = Segmenter.of(oom, Optional.empty(), opt)) {
                Outputs o = run(s, ImgRasterSource.of(img), List.of());
                assertEquals(new TileGrid(64, 16, 8), o.result().grid());
                assertEquals(new TileGrid(128, 32, 8), reference.result().grid());
                assertEquals("--batch 4", o.result().batchFrom());
                var b = o.result().pipeline().backoff();
                assertEquals("tile 128 -> 64 (3 steps)", b.summary());
                com.google.gson.JsonObject tiles = Provenance.tiles(o.result().pipeline());
                com.google.gson.JsonObject mb = tiles.getAsJsonObject("memory_backoff");
                assertEquals(128, mb.get("requested_tile").getAsInt());
                assertEquals(64, mb.get("final_tile").getAsInt());
                assertEquals(16, mb.get("final_overlap").getAsInt());
                assertEquals(4, mb.get("final_batch").getAsInt());
                assertEquals(3, mb.getAsJsonArray("events").size());
                assertEquals(64, tiles.get("window_width").getAsInt());
                var a = reference.labels().cursor();
                var c = o.labels().cursor();
                while (a.hasNext()) assertEquals(a.next().get(), c.next().get());
            }
        }
    }

    @Test
    void nodataPixelsGiveNodataOutputsAndAllNodataTilesAreNotRun() {
        Path model = SegTestModels.dominant(tmp);
        var img = image(3);
        byte[] d = img.update(null).getCurrentStorageArray();
        // nodata 7 in band 2 only: any selected band at nodata makes the pixel nodata; the left 64 columns all nodata
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++) {
                if (x < 64 || (x + y) % 11 == 0) d[(2 * H + y) * W + x] = 7;
                else if ((d[(2 * H + y) * W + x] & 0xFF) == 7) d[(2 * H + y) * W + x] = 8;
            }
        List<OptionalDouble> nd = List.of(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.of(7));
        Model loaded = OnnxModelLoader.load(model, InferenceOptions.cpu(1));
        CountingModel counting = new CountingModel(loaded);
        SegmentationOptions opt = SegmentationOptions.builder().model(model.toString()).tile(32).overlap(8).build();
        try (Segmenter s = Segmenter.of(counting, Optional.empty(), opt)) {
            Outputs o = run(s, new ImgRasterSource<>(img, Georeference.NONE, nd), List.of());
            long nodata = 0;
            var lab = o.labels().randomAccess();
            var conf = o.confidence().randomAccess();
            var prob = o.probabilities().randomAccess();
            for (int y = 0; y < H; y++)
                for (int x = 0; x < W; x++) {
                    boolean isNodata = x < 64 || (x + y) % 11 == 0;
                    if (isNodata) nodata++;
                    assertEquals(isNodata, lab.setPositionAndGet(x, y, 0).get() == 255, "label at " + x + "," + y);
                    assertEquals(isNodata, Float.isNaN(conf.setPositionAndGet(x, y, 0).get()), "confidence at " + x + "," + y);
                    assertEquals(isNodata, Float.isNaN(prob.setPositionAndGet(x, y, 1).get()));
                }
            assertEquals(nodata, o.result().statistics().nodataPixels());
            assertEquals((long) W * H - nodata, o.result().statistics().dataPixels());
            assertTrue(o.result().pipeline().tilesSkipped() > 0, "tiles of the nodata strip are skipped");
            assertEquals(o.result().pipeline().tilesRun(), counting.tiles.get(), "each tile that runs is run once, for all outputs");
        }
    }

    @Test
    void bandsDefaultToTheFirstAndMayRepeat() {
        Path model = SegTestModels.dominant(tmp);
        ArrayImg<UnsignedByteType, ByteArray> gray = ArrayImgs.unsignedBytes(40, 30);
        new Random(4).nextBytes(gray.update(null).getCurrentStorageArray());
        try (Segmenter s = open(model, SegmentationOptions.builder())) {
            UsageException e = assertThrows(UsageException.class, () -> run(s, ImgRasterSource.of(gray), List.of()));
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertTrue(e.getMessage().contains("the model takes 3 bands (red, green, blue) but the input has 1; choose them with --bands"),
                    e.getMessage());
        }
        try (Segmenter s = open(model, SegmentationOptions.builder().bands(1, 1, 1))) {
            Outputs o = run(s, ImgRasterSource.of(gray), List.of());
            assertArrayEquals(new int[] {1, 1, 1}, o.result().bands());
            // three equal logits: a tie, class 0, probability 1/3 everywhere
            Cursor<UnsignedByteType> c = o.labels().cursor();
            while (c.hasNext()) assertEquals(0, c.next().get());
            Cursor<FloatType> p = o.confidence().cursor();
            while (p.hasNext()) assertEquals(1 / 3.0, p.next().get(), 1e-6);
        }
        try (Segmenter s = open(model, SegmentationOptions.builder().bands(1, 2))) {
            UsageException e = assertThrows(UsageException.class, () -> run(s, ImgRasterSource.of(image(5)), List.of()));
            assertTrue(e.getMessage().contains("--bands lists 2 bands but the model takes 3"), e.getMessage());
        }
        try (Segmenter s = open(model, SegmentationOptions.builder().bands(3, 2, 4))) {
            UsageException e = assertThrows(UsageException.class, () -> run(s, ImgRasterSource.of(image(5)), List.of()));
            assertTrue(e.getMessage().contains("band 4 does not exist; the input has 3 bands"), e.getMessage());
        }
    }

    @Test
    void bandOrderFollowsTheOption() {
        Path model = SegTestModels.dominant(tmp);
        var img = image(6);
        try (Segmenter s = open(model, SegmentationOptions.builder().bands(3, 2, 1))) {
            Outputs o = run(s, ImgRasterSource.of(img), List.of());
            var lab = o.labels().randomAccess();
            for (int y = 0; y < H; y += 3)
                for (int x = 0; x < W; x += 3) {
                    float r = v(img, x, y, 2), g = v(img, x, y, 1), b = v(img, x, y, 0);
                    int best = r >= g && r >= b ? 0 : g >= b ? 1 : 2;
                    assertEquals(best, lab.setPositionAndGet(x, y, 0).get());
                }
        }
    }

    @Test
    void enhancementModelsAndImageOutputsAreRefusedAsModelErrors() {
        try (Model m = OnnxModelLoader.load(TestModels.identity(), InferenceOptions.cpu(1))) {
            SegmentationOptions opt = SegmentationOptions.builder().model("identity").build();
            ModelException e = assertThrows(ModelException.class, () -> Segmenter.of(m, Optional.empty(), opt));
            assertEquals(ExitCode.BAD_MODEL, e.exitCode());
            assertTrue(e.getMessage().contains("is an enhancement model"), e.getMessage());
        }
    }

    @Test
    void classAreasUseThePixelAreaOfProjectedGrids() {
        Path model = SegTestModels.dominant(tmp);
        var img = image(7);
        Affine rotated = new Affine(500000, 2.0, 0.5, 4000000, 0.5, -2.0); // |2 x -2 - 0.5 x 0.5| = 4.25 m²
        var src = new ImgRasterSource<>(img, Georeference.of(Rasters.crs(32633), rotated), List.of());
        try (Segmenter s = open(model, SegmentationOptions.builder())) {
            Outputs o = run(s, src, List.of());
            ClassStatistics.Summary st = o.result().statistics();
            assertTrue(st.areasKnown());
            double total = 0;
            for (ClassStatistics.ClassCount c : st.classes()) {
                assertEquals(c.pixels() * 4.25, c.areaM2(), 1e-6);
                total += c.areaM2();
            }
            assertEquals((double) W * H * 4.25, total, 1e-6);
            assertEquals(total, st.dataAreaM2(), 1e-6);
        }
        try (Segmenter s = open(model, SegmentationOptions.builder())) {
            ClassStatistics.Summary st = run(s, ImgRasterSource.of(img), List.of()).result().statistics();
            assertFalse(st.areasKnown(), "no georeferencing, no areas");
            assertTrue(Double.isNaN(st.classes().get(0).areaM2()));
        }
    }

    @Test
    void softmaxOfProbabilitiesTempersThem() {
        float[] p = {0.7f, 0.2f, 0.1f};
        NchwTensor t = new NchwTensor(p.clone(), 1, 3, 1, 1);
        ProbabilityModel.softmaxInPlace(t, 2.0, false);
        double a = Math.sqrt(0.7), b = Math.sqrt(0.2), c = Math.sqrt(0.1), s = a + b + c;
        assertArrayEquals(new float[] {(float) (a / s), (float) (b / s), (float) (c / s)}, t.data(), 1e-6f);
        NchwTensor z = new NchwTensor(new float[] {1000f, 0f, 0f, Float.NaN}, 1, 2, 1, 2);
        ProbabilityModel.softmaxInPlace(z, 1.0, true);
        assertEquals(1f, z.data()[0], 0f, "stable for large logits");
        assertEquals(0f, z.data()[2], 0f);
        assertTrue(Float.isNaN(z.data()[1]) && Float.isNaN(z.data()[3]), "a NaN logit makes the pixel NaN");
    }

    @Test
    void cancelledRunsCommitNothing() {
        Path model = SegTestModels.dominant(tmp);
        Cancellation cancel = new Cancellation();
        try (Segmenter s = open(model, SegmentationOptions.builder().batch(1))) {
            var labels = new ImgRasterSink<>(W, H, 1, new UnsignedByteType());
            SegmentationSinks sinks = SegmentationSinks.builder().raster(SegmentationOutput.LABELS, labels).build();
            assertThrows(org.aerolux.core.CancelledException.class, () -> s.run(ImgRasterSource.of(image(8)), sinks, PixelAreaModel.of(Georeference.NONE),
                    e -> { if (e.done() == 2) cancel.cancel(); }, cancel, List.of()));
            assertTrue(labels.result().isEmpty());
        }
    }

    @Test
    void outputsParseAndDefault() {
        assertEquals(EnumSet.of(SegmentationOutput.LABELS, SegmentationOutput.CONFIDENCE), SegmentationOptions.builder().model("m").build().outputs());
        assertEquals(EnumSet.allOf(SegmentationOutput.class),
                SegmentationOutput.parseList("labels, probabilities,confidence,entropy,vectors"));
        UsageException e = assertThrows(UsageException.class, () -> SegmentationOutput.parseList("labels,edges"));
        assertTrue(e.getMessage().contains("unknown output 'edges'"));
        assertThrows(UsageException.class, () -> Temperature.parse("0"));
        assertThrows(UsageException.class, () -> Temperature.parse("hot"));
        assertTrue(Temperature.parse("AUTO").isAuto());
        List<String> names = new ArrayList<>();
        for (SegmentationOutput o : SegmentationOutput.values()) names.add(o.fileName("scene"));
        assertEquals(List.of("scene_labels.tif", "scene_probabilities.tif", "scene_confidence.tif", "scene_entropy.tif",
                "scene_objects.geojson"), names);
    }
}
