package org.aerolux.enhancement;

import static org.junit.jupiter.api.Assertions.*;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import org.aerolux.core.image.ImgRasterSink;
import org.aerolux.core.image.ImgRasterSource;
import org.aerolux.core.model.Model;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * An image whose whole-image pass does not fit the memory budget goes through tiles, and the tiled-vs-whole gap is
 * measured on a probe that does fit. Kept cheap: a 772 x 64 strip (larger than one 512-pixel tile) with a 32-pixel
 * overlap, so two tiles; the budget is set between the tile's and the whole image's estimates.
 */
class TiledModeTest extends WithCueModel {
    @Test
    void tooLargeForTheBudgetGoesThroughTilesAndReportsTheGap() {
        int w = 772, h = 64;
        byte[] px = new byte[w * h * 3]; // a darkened band of rocket.jpg, 8-bit
        Img<UnsignedByteType> img = ArrayImgs.unsignedBytes(px, w, h, 3);
        float[][] photo = photoStrip(w, h);
        for (int c = 0; c < 3; c++) for (int i = 0; i < w * h; i++) px[c * w * h + i] = (byte) Math.round(0.15 * photo[c][i] * photo[c][i] * 255);
        long whole = ModePlanner.wholeBytes(w, h, 4, 480);
        MemoryBudget budget = MemoryBudget.of(whole - (4 << 20));
        try (Enhancer e = Enhancer.builder().model(model).tile(512).overlap(32).memoryBudget(budget).build()) {
            ImgRasterSink<UnsignedByteType> sink = new ImgRasterSink<>(w, h, 3, new UnsignedByteType());
            EnhancementResult r = e.enhance(ImgRasterSource.of(img), like -> sink);
            assertEquals(EnhancementMode.TILED, r.plan().mode(), r.plan().reason());
            assertTrue(r.plan().reason().startsWith("auto: "), r.plan().reason());
            assertEquals(2, r.plan().layout().tileCount());
            assertEquals(2, r.run().tilesRun());
            TiledGap gap = r.gap();
            assertTrue(gap.measured(), gap.note());
            assertTrue(ModePlanner.wholeBytes(gap.probeWidth(), gap.probeHeight(), 4, 480) <= budget.bytes(), "the probe fits the budget");
            assertTrue(gap.probeWidth() < w, "the probe is smaller than the image: " + gap.window());
            assertEquals(2, gap.probeTiles(), gap.note());
            assertTrue(gap.maxAbs() > 0 && gap.maxAbs() <= 1, "max " + gap.maxAbs());
            assertTrue(gap.meanAbs() > 0 && gap.meanAbs() <= gap.maxAbs(), "mean " + gap.meanAbs());
            assertEquals(gap.maxAbs() * 255, gap.maxAbsData(), 1e-9);
            assertTrue(sink.result().isPresent());
            System.out.printf("tiled-vs-whole probe %s: %s, max %.4f, mean %.5f%n", gap.window().orElse(""), gap.note(), gap.maxAbs(),
                    gap.meanAbs());
        }
    }

    @Test
    void theProbeCanBeSwitchedOffAndWholeModeHasNone() {
        int w = 16, h = 12;
        Img<UnsignedByteType> img = ArrayImgs.unsignedBytes(w, h, 3);
        img.forEach(p -> p.set(20));
        try (Enhancer e = Enhancer.builder().model(model).mode(EnhancementMode.TILED).gapProbe(0).build()) {
            EnhancementResult r = e.enhance(ImgRasterSource.of(img), like -> new ImgRasterSink<>(w, h, 3, new UnsignedByteType()));
            assertEquals(EnhancementMode.TILED, r.plan().mode());
            assertFalse(r.gap().measured());
            assertTrue(r.gap().note().contains("switched off"), r.gap().note());
        }
        try (Enhancer e = Enhancer.builder().model(model).build()) {
            EnhancementResult r = e.enhance(ImgRasterSource.of(img), like -> new ImgRasterSink<>(w, h, 3, new UnsignedByteType()));
            assertEquals(EnhancementMode.WHOLE, r.plan().mode());
            assertFalse(r.gap().measured());
            assertTrue(r.gap().note().startsWith("not applicable"), r.gap().note());
        }
    }

    /** Rows 180..243 of rocket.jpg, the first 640 columns mirrored on to 772, in [0, 1]. */
    private static float[][] photoStrip(int w, int h) {
        float[][] out = new float[3][w * h];
        try (var src = org.aerolux.core.image.PlainImageSource.open(SharedData.natural("rocket.jpg"))) {
            var all = src.read(new net.imglib2.FinalInterval(new long[] {0, 180}, new long[] {639, 180 + h - 1}), 0, 1, 2);
            var ra = all.randomAccess();
            for (int c = 0; c < 3; c++)
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++) {
                        int sx = x < 640 ? x : 2 * 639 - x;
                        ra.setPosition(new long[] {sx, 180 + y, c});
                        out[c][y * w + x] = ra.get().get() / 255f;
                    }
        }
        return out;
    }
}
