package org.aerolux.enhancement;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import net.imglib2.img.array.ArrayImgs;
import org.aerolux.core.BadInputException;
import org.aerolux.core.ModelException;
import org.aerolux.core.UsageException;
import org.aerolux.core.image.ImgRasterSource;
import org.aerolux.core.model.ModelCard;
import org.aerolux.core.model.ModelRegistry;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.testing.SharedData;
import org.aerolux.core.tile.TileGrid;
import org.junit.jupiter.api.Test;

/** Decisions without running a model: bands, mode, ranges, option parsing and validation. */
class PlanningTest {
    static RasterInfo info(int bands, String... descriptions) {
        List<String> d = descriptions.length == bands ? List.of(descriptions) : Collections.nCopies(bands, "");
        return new RasterInfo(10, 10, bands, DataType.UINT8, Georeference.NONE, Collections.nCopies(bands, OptionalDouble.empty()), d);
    }

    @Test
    void defaultBands() {
        assertEquals("1,1,1", BandSelection.resolve(info(1), null, 3, null).oneBasedText());
        assertEquals("1,2,3", BandSelection.resolve(info(3), null, 3, null).oneBasedText());
        assertEquals("1,2,3", BandSelection.resolve(info(6), null, 3, null).oneBasedText());
        assertEquals("1,1,1", BandSelection.resolve(info(2, "gray", "alpha"), null, 3, null).oneBasedText());
        assertEquals("1,2,3", BandSelection.resolve(info(4, "red", "green", "blue", "alpha"), null, 3, null).oneBasedText());
        BadInputException e = assertThrows(BadInputException.class, () -> BandSelection.resolve(info(2), null, 3, null));
        assertTrue(e.getMessage().contains("--bands"), e.getMessage());
        assertEquals("3,2,1", BandSelection.resolve(info(6), new int[] {3, 2, 1}, 3, null).oneBasedText());
        assertThrows(UsageException.class, () -> BandSelection.resolve(info(3), new int[] {1, 2}, 3, null));
        UsageException missing = assertThrows(UsageException.class, () -> BandSelection.resolve(info(3), new int[] {1, 2, 4}, 3, null));
        assertTrue(missing.getMessage().contains("band 4 does not exist"), missing.getMessage());
        BandSelection grey = BandSelection.resolve(info(1), null, 3, null);
        assertArrayEquals(new int[] {0, 1, 2}, grey.channelsOf(0));
        assertTrue(grey.isGrey());
    }

    @Test
    void wholeImageWhenItFitsTheBudgetElseTiles() {
        ModelCard card = CueCard.card();
        TileGrid grid = new TileGrid(1024, 256, 4);
        long heap = 64L << 30;
        ModePlan small = ModePlanner.plan(1000, 800, card, EnhancementMode.AUTO, grid, 1, MemoryBudget.of(8L << 30), heap);
        assertEquals(EnhancementMode.WHOLE, small.mode(), small.reason());
        assertEquals(1, small.layout().tileCount());
        // the image plus BORDER_MARGIN mirrored pixels on each side, rounded up to the size multiple
        assertEquals(1000 + 2 * ModePlanner.BORDER_MARGIN, small.layout().tileWidth());
        assertEquals(800 + 2 * ModePlanner.BORDER_MARGIN, small.layout().tileHeight());
        // 10000 x 10000 at 480 + 96 B/px is ~54 GB: tiles
        ModePlan big = ModePlanner.plan(10000, 10000, card, EnhancementMode.AUTO, grid, 1, MemoryBudget.of(8L << 30), heap);
        assertEquals(EnhancementMode.TILED, big.mode(), big.reason());
        assertEquals(14 * 14, big.layout().tileCount()); // 1 + ceil((10000 + 256 - 1024) / 768) per axis
        assertTrue(big.tiledBytes() < 8L << 30, big.reason());
        // the same image with a budget that holds it: whole
        ModePlan roomy = ModePlanner.plan(10000, 10000, card, EnhancementMode.AUTO, grid, 1, MemoryBudget.of(64L << 30), heap);
        assertEquals(EnhancementMode.WHOLE, roomy.mode(), roomy.reason());
        // ... unless its buffers do not fit the Java heap
        ModePlan heapBound = ModePlanner.plan(10000, 10000, card, EnhancementMode.AUTO, grid, 1, MemoryBudget.of(64L << 30), 1L << 30);
        assertEquals(EnhancementMode.TILED, heapBound.mode());
        assertTrue(heapBound.reason().contains("-Xmx"), heapBound.reason());
        // an image no larger than one tile is never tiled automatically, whatever the budget
        ModePlan tiny = ModePlanner.plan(600, 500, card, EnhancementMode.AUTO, grid, 1, MemoryBudget.of(1), heap);
        assertEquals(EnhancementMode.WHOLE, tiny.mode(), tiny.reason());
        // forced modes
        assertEquals(EnhancementMode.TILED, ModePlanner.plan(600, 500, card, EnhancementMode.TILED, grid, 1, MemoryBudget.of(8L << 30), heap).mode());
        ModePlan forced = ModePlanner.plan(10000, 10000, card, EnhancementMode.WHOLE, grid, 1, MemoryBudget.of(8L << 30), heap);
        assertEquals(EnhancementMode.WHOLE, forced.mode());
        assertTrue(forced.reason().contains("running anyway"), forced.reason());
        assertThrows(org.aerolux.core.UsageException.class,
                () -> ModePlanner.plan(40000, 40000, card, EnhancementMode.WHOLE, grid, 1, MemoryBudget.of(8L << 30), heap));
    }

    @Test
    void estimatesFollowTheCard() {
        // 1024 x 1024 plus the 32-pixel mirrored margin on each side: 480 B/px measured by the model's author
        // + 96 B/px buffers on 1088 x 1088 padded pixels + 128 MB
        assertEquals(1088L * 1088 * 576 + (128L << 20), ModePlanner.wholeBytes(1024, 1024, 4, 480));
        assertEquals(480, ModePlanner.activationBytesPerPixel(CueCard.card()));
        // padding to the size multiple counts
        assertEquals(ModePlanner.wholeBytes(1024, 1024, 4, 480), ModePlanner.wholeBytes(1021, 1022, 4, 480));
    }

    @Test
    void parsing() {
        assertEquals(EnhancementMode.TILED, EnhancementMode.parse("Tiled"));
        assertThrows(UsageException.class, () -> EnhancementMode.parse("fast"));
        ValueRange r = ValueRange.parse("0, 4095");
        assertEquals(4095, r.high(), 0.0);
        assertEquals(ValueRange.Method.USER, r.method());
        for (String bad : new String[] {"4095", "10,5", "a,b", "1,2,3", "nan,1"})
            assertThrows(UsageException.class, () -> ValueRange.parse(bad), bad);
        assertEquals(8L << 30, MemoryBudget.parse("8g").bytes());
        assertEquals(512L << 20, MemoryBudget.parse("512M").bytes());
        assertEquals((long) (2.5 * (1L << 30)), MemoryBudget.parse("2.5GB").bytes());
        assertThrows(UsageException.class, () -> MemoryBudget.parse("lots"));
        assertThrows(UsageException.class, () -> MemoryBudget.parse("-1g"));
        assertTrue(MemoryBudget.fromSystem().bytes() > 0);
        assertEquals(0.5f, ValueRange.user(100, 300).toUnit(200), 0f);
        assertEquals(0f, ValueRange.user(100, 300).toUnit(-5), 0f);
        assertEquals(300, ValueRange.user(100, 300).fromUnit(1.7), 0.0);
    }

    @Test
    void floatRangesAreQuantilesWithinABin() {
        int n = 200_000;
        float[] px = new float[n];
        for (int i = 0; i < n; i++) px[i] = (float) (i / (double) n); // uniform 0..1
        px[7] = 1000f; // stray
        px[8] = Float.NaN;
        var src = ImgRasterSource.of(ArrayImgs.floats(px, 500, 400));
        ValueRange r = RangeEstimator.robust(src, new int[] {0}, RangeEstimator.TAIL);
        double bin = 1000.0 / 65536;
        assertEquals(1e-4, r.low(), bin + 1e-5, r.toString());
        assertEquals(0.9999, r.high(), bin + 1e-5, r.toString());
        assertTrue(r.detail().contains("199999 valid samples"), r.detail());
        var flat = ImgRasterSource.of(ArrayImgs.unsignedShorts(new short[] {7, 7, 7, 7}, 2, 2));
        ValueRange f = RangeEstimator.robust(flat, new int[] {0}, RangeEstimator.TAIL);
        assertEquals(7, f.low(), 0.0);
        assertEquals(8, f.high(), 0.0);
        var empty = ImgRasterSource.withNodata(ArrayImgs.unsignedShorts(new short[] {9, 9}, 2, 1), 9);
        assertThrows(BadInputException.class, () -> RangeEstimator.robust(empty, new int[] {0}, RangeEstimator.TAIL));
    }

    @Test
    void builderChecksOptionsAndModel() {
        ModelRegistry reg = CueFixtures.registry();
        UsageException tile = assertThrows(UsageException.class, () -> Enhancer.builder().model("cue-demo").registry(reg).tile(256).build());
        assertTrue(tile.getMessage().contains("at least 512"), tile.getMessage());
        assertThrows(UsageException.class, () -> Enhancer.builder().model("cue-demo").registry(reg).overlap(1024).build());
        assertThrows(UsageException.class, () -> Enhancer.builder().batch(0).build());
        ModelException seg = assertThrows(ModelException.class,
                () -> Enhancer.builder().model(SharedData.repo().resolve("models/test/conv3x3.onnx").toString()).device(
                        org.aerolux.core.model.DeviceRequest.CPU).build());
        assertTrue(seg.getMessage().contains("segmentation"), seg.getMessage());
        assertThrows(ModelException.class, () -> Enhancer.builder().model("no-such-model").registry(reg).build());
    }
}
