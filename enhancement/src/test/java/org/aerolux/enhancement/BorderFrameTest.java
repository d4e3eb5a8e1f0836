package org.aerolux.enhancement;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.TimeUnit;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import org.aerolux.core.image.ImgRasterSink;
import org.aerolux.core.image.ImgRasterSource;
import org.aerolux.core.model.Model;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No frame along the image borders: a smooth, dark synthetic image (gentle colour ramps, flat at the borders so that
 * its mirror image continues it smoothly) must come out as smooth at its outermost pixels as inside. The oracle is the output's own interior: along every border, the step from the
 * outermost pixel to the pixel {@value #DEPTH} pixels inward, per channel, is compared with the same step, in the same
 * direction, between interior pixels (the gradient's own change). Before the mirrored margin (ModePlanner.BORDER_MARGIN) the outermost
 * pixels sat at the model's input edge and showed pink/green fringes many times larger.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BorderFrameTest {
    static final int DEPTH = 6;
    /** Largest allowed mean border step, per channel, in [0, 1] units (2.5 grey levels of 8-bit). */
    static final double TOLERANCE = 0.01;
    static Model demo, lowlight;

    @BeforeAll
    static void load() {
        demo = CueFixtures.load();
        lowlight = CueFixtures.load("cue-lowlight");
    }

    @AfterAll
    static void close() {
        demo.close();
        lowlight.close();
    }

    @Test
    void wholeImageHasNoFrame() {
        for (Model m : new Model[] {demo, lowlight}) {
            EnhancementResult[] r = new EnhancementResult[1];
            float[][] out = enhance(m, 200, 144, Enhancer.builder().model(m).mode(EnhancementMode.WHOLE), r);
            assertEquals(EnhancementMode.WHOLE, r[0].plan().mode());
            assertNoFrame(m.card().name() + " whole image", out, 200, 144);
        }
    }

    @Test
    void tiledRunHasNoFrameEvenWithASmallOverlap() {
        // 600 x 96 in 512-pixel tiles: two tiles across, one down; the requested 16-pixel overlap is raised so that the
        // borders get a mirrored halo of BORDER_MARGIN pixels
        EnhancementResult[] r = new EnhancementResult[1];
        float[][] out = enhance(lowlight, 600, 96, Enhancer.builder().model(lowlight).mode(EnhancementMode.TILED).tile(512)
                .overlap(16).gapProbe(0), r);
        assertEquals(EnhancementMode.TILED, r[0].plan().mode());
        assertEquals(2, r[0].plan().layout().tileCount());
        assertEquals(2 * ModePlanner.BORDER_MARGIN, r[0].plan().grid().overlap());
        assertNoFrame("cue-lowlight tiled", out, 600, 96);
    }

    @Test
    void overlapIsRaisedOnlyWhenSmall() {
        assertEquals(2 * ModePlanner.BORDER_MARGIN, ModePlanner.borderSafeOverlap(0, 512));
        assertEquals(256, ModePlanner.borderSafeOverlap(256, 1024));
        assertEquals(0, ModePlanner.borderSafeOverlap(0, 2 * ModePlanner.BORDER_MARGIN), "no room for the margin: unchanged");
        var whole = ModePlanner.wholeGrid(75, 130, 4);
        assertEquals(2 * ModePlanner.BORDER_MARGIN, whole.overlap());
        assertEquals(196, whole.tileSize()); // 130 + 64 rounded up to a multiple of 4
    }

    /** A dark colour gradient in [0, 1] (raised-cosine ramps), enhanced; returns the three output planes [c][y * w + x]. */
    private static float[][] enhance(Model m, int w, int h, Enhancer.Builder builder, EnhancementResult[] result) {
        float[] px = new float[w * h * 3];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                // raised-cosine ramps: flat at the borders, so the mirrored continuation is as smooth as the image
                double u = (1 - Math.cos(Math.PI * x / (w - 1))) / 2, v = (1 - Math.cos(Math.PI * y / (h - 1))) / 2;
                px[y * w + x] = (float) (0.10 + 0.04 * u);
                px[w * h + y * w + x] = (float) (0.08 + 0.03 * v);
                px[2 * w * h + y * w + x] = (float) (0.06 + 0.02 * (u + v) / 2);
            }
        Img<FloatType> img = ArrayImgs.floats(px, w, h, 3);
        try (Enhancer e = builder.range(ValueRange.user(0, 1)).build()) {
            ImgRasterSink<FloatType> sink = new ImgRasterSink<>(w, h, 3, new FloatType());
            result[0] = e.enhance(ImgRasterSource.of(img), like -> sink);
            Img<FloatType> o = sink.result().orElseThrow();
            float[][] planes = new float[3][w * h];
            var c = o.cursor();
            int k = 0;
            while (c.hasNext()) {
                planes[k / (w * h)][k % (w * h)] = c.next().get();
                k++;
            }
            return planes;
        }
    }

    private static void assertNoFrame(String what, float[][] out, int w, int h) {
        for (int c = 0; c < 3; c++) {
            // top/bottom: vertical steps, against vertical steps across the middle row; left/right: horizontal ones
            double top = 0, bottom = 0, vertical = 0, left = 0, right = 0, horizontal = 0;
            int n = 0;
            for (int x = DEPTH; x < w - DEPTH; x++, n++) {
                top += Math.abs(at(out, c, w, x, 0) - at(out, c, w, x, DEPTH));
                bottom += Math.abs(at(out, c, w, x, h - 1) - at(out, c, w, x, h - 1 - DEPTH));
                vertical += Math.abs(at(out, c, w, x, h / 2) - at(out, c, w, x, h / 2 + DEPTH));
            }
            int rows = 0;
            for (int y = DEPTH; y < h - DEPTH; y++, rows++) {
                left += Math.abs(at(out, c, w, 0, y) - at(out, c, w, DEPTH, y));
                right += Math.abs(at(out, c, w, w - 1, y) - at(out, c, w, w - 1 - DEPTH, y));
                horizontal += Math.abs(at(out, c, w, w / 2, y) - at(out, c, w, w / 2 + DEPTH, y));
            }
            top /= n;
            bottom /= n;
            vertical /= n;
            left /= rows;
            right /= rows;
            horizontal /= rows;
            String msg = String.format(java.util.Locale.ROOT, "%s channel %d: border steps top %.4f bottom %.4f (interior %.4f),"
                    + " left %.4f right %.4f (interior %.4f)", what, c, top, bottom, vertical, left, right, horizontal);
            System.out.println(msg);
            assertTrue(top <= vertical + TOLERANCE && bottom <= vertical + TOLERANCE, msg);
            assertTrue(left <= horizontal + TOLERANCE && right <= horizontal + TOLERANCE, msg);
        }
    }

    private static double at(float[][] out, int c, int w, int x, int y) {
        float v = out[c][y * w + x];
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }
}
