package org.aerolux.enhancement;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import org.aerolux.core.image.ImgRasterSink;
import org.aerolux.core.image.ImgRasterSource;
import org.aerolux.core.image.PlainImageSource;
import org.aerolux.core.image.PngRasterSink;
import org.aerolux.core.inference.InferenceOptions;
import org.aerolux.core.inference.OnnxModelLoader;
import org.aerolux.core.model.Model;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.testing.Gdal;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data path around the model, exactly, with the identity enhancement fixture (models/test/identity.onnx,
 * y = x): value mapping both ways, clamping at the range, tiling and blending, band routing, nodata.
 */
class DataPathTest {
    static Model identity;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() { identity = OnnxModelLoader.load(SharedData.repo().resolve("models/test/identity.onnx"), InferenceOptions.cpu(1)); }

    @AfterAll
    static void close() { identity.close(); }

    @Test
    void sixteenBitRoundTripsExactlyThroughTheFullScaleRange() {
        int w = 37, h = 29;
        short[] px = new short[w * h * 3];
        for (int i = 0; i < px.length; i++) px[i] = (short) ((i * 7919) % 65536);
        Img<UnsignedShortType> in = ArrayImgs.unsignedShorts(px, w, h, 3);
        ImgRasterSink<UnsignedShortType> sink = new ImgRasterSink<>(w, h, 3, new UnsignedShortType());
        try (Enhancer e = Enhancer.builder().model(identity).range(ValueRange.user(0, 65535)).build()) {
            e.enhance(ImgRasterSource.of(in), like -> sink);
        }
        var a = in.cursor();
        var b = sink.result().orElseThrow().cursor();
        while (a.hasNext()) assertEquals(a.next().get(), b.next().get());
    }

    @Test
    void sixteenBitPngComesBackAsSixteenBitPng() {
        Path png = tmp.resolve("deep.png"), out = tmp.resolve("deep_enhanced.png");
        int w = 21, h = 13;
        writePng(png, w, h, 3, DataType.UINT16, 4099, 65536);
        try (Enhancer e = Enhancer.builder().model(identity).range(ValueRange.user(0, 65535)).build()) {
            e.enhanceFile(png, out);
        }
        assertEquals("UInt16", org.aerolux.core.testing.GdalInfo.of(out).bandType(1));
        assertArrayEqualsDeep(Gdal.pixels(png), Gdal.pixels(out));
    }

    @Test
    void valuesBeyondTheRobustRangeAreClampedToIt() {
        int w = 128, h = 96; // 36,864 samples: the 0.01 % tails hold 3 samples each
        short[] px = new short[w * h * 3];
        for (int i = 0; i < px.length; i++) px[i] = (short) (500 + (i * 31) % 2000);
        px[5] = (short) 60000;
        Img<UnsignedShortType> in = ArrayImgs.unsignedShorts(px, w, h, 3);
        ImgRasterSink<UnsignedShortType> sink = new ImgRasterSink<>(w, h, 3, new UnsignedShortType());
        EnhancementResult r;
        try (Enhancer e = Enhancer.builder().model(identity).build()) {
            r = e.enhance(ImgRasterSource.of(in), like -> sink);
        }
        assertEquals(500, r.range().low(), 0.0);
        assertEquals(2499, r.range().high(), 0.0);
        short[] out = ((net.imglib2.img.array.ArrayImg<UnsignedShortType, net.imglib2.img.basictypeaccess.array.ShortArray>)
                sink.result().orElseThrow()).update(null).getCurrentStorageArray();
        for (int i = 0; i < px.length; i++)
            assertEquals(i == 5 ? 2499 : Short.toUnsignedInt(px[i]), Short.toUnsignedInt(out[i]), "sample " + i);
    }

    @Test
    void tilesAndCosineBlendingGiveAPointwiseModelExactly() {
        int w = 1100, h = 20;
        byte[] px = new byte[w * h * 3];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 13);
        Img<UnsignedByteType> in = ArrayImgs.unsignedBytes(px, w, h, 3);
        ImgRasterSink<UnsignedByteType> sink = new ImgRasterSink<>(w, h, 3, new UnsignedByteType());
        EnhancementResult r;
        try (Enhancer e = Enhancer.builder().model(identity).mode(EnhancementMode.TILED).tile(512).overlap(128).build()) {
            r = e.enhance(ImgRasterSource.of(in), like -> sink);
        }
        assertEquals(EnhancementMode.TILED, r.plan().mode());
        assertEquals(3, r.plan().layout().tileCount());
        assertTrue(r.gap().measured());
        assertEquals(0, r.gap().maxAbs(), 1e-6, "a pointwise model has no tiled-vs-whole gap");
        var a = in.cursor();
        var b = sink.result().orElseThrow().cursor();
        while (a.hasNext()) assertEquals(a.next().get(), b.next().get());
    }

    @Test
    void repeatedBandsAreAveragedBackAndAlphaIsCopied() throws Exception {
        Path png = tmp.resolve("rgba.png"), out = tmp.resolve("rgba_enhanced.png");
        int w = 9, h = 7;
        writePng(png, w, h, 4, DataType.UINT8, 37, 256);
        try (PlainImageSource src = PlainImageSource.open(png)) {
            assertEquals(List.of("red", "green", "blue", "alpha"), src.info().bandDescriptions());
        }
        try (Enhancer e = Enhancer.builder().model(identity).build()) {
            EnhancementResult r = e.enhanceFile(png, out);
            assertEquals("1,2,3", r.bands().oneBasedText(), "the alpha band is not fed to the model");
            assertEquals(List.of(3), r.untouched());
        }
        assertArrayEqualsDeep(Gdal.pixels(png), Gdal.pixels(out));
        Path twoOut = tmp.resolve("routed.png");
        try (Enhancer e = Enhancer.builder().model(identity).bands(2, 2, 1).build()) {
            EnhancementResult r = e.enhanceFile(png, twoOut);
            assertEquals(List.of(2, 3), r.untouched());
        }
        assertArrayEqualsDeep(Gdal.pixels(png), Gdal.pixels(twoOut)); // identity: band 2 = mean of two equal channels
    }

    @Test
    void aValidPixelNeverBecomesNodata() {
        // range 10..200 and nodata 10: an input of 5 clamps to black, which maps back to 10 = nodata, so it becomes 11
        int w = 8, h = 8;
        byte[] px = new byte[w * h * 3];
        java.util.Arrays.fill(px, (byte) 120);
        px[0] = px[64] = px[128] = 10; // a nodata pixel
        px[1] = px[65] = px[129] = 5; // dark, valid
        Img<UnsignedByteType> in = ArrayImgs.unsignedBytes(px, w, h, 3);
        ImgRasterSink<UnsignedByteType> sink = new ImgRasterSink<>(w, h, 3, new UnsignedByteType());
        try (Enhancer e = Enhancer.builder().model(identity).range(ValueRange.user(10, 200)).build()) {
            e.enhance(ImgRasterSource.withNodata(in, 10), like -> sink);
        }
        var ra = sink.result().orElseThrow().randomAccess();
        for (int c = 0; c < 3; c++) {
            assertEquals(10, ra.setPositionAndGet(0, 0, c).get(), "nodata stays nodata");
            assertEquals(11, ra.setPositionAndGet(1, 0, c).get(), "moved off nodata");
            assertEquals(120, ra.setPositionAndGet(5, 5, c).get());
        }
    }

    private static void assertArrayEqualsDeep(double[][] a, double[][] b) {
        assertEquals(a.length, b.length);
        for (int k = 0; k < a.length; k++) assertArrayEquals(a[k], b[k], 0.0, "band " + (k + 1));
    }

    /** A PNG of a project-owned pattern: sample i is (i * step) mod period. */
    private static void writePng(Path png, int w, int h, int bands, DataType type, int step, int period) {
        try (PngRasterSink s = PngRasterSink.create(png, w, h, bands, type)) {
            double[] d = new double[w * h * bands];
            for (int i = 0; i < d.length; i++) d[i] = ((long) i * step) % period;
            s.write(ArrayImgs.doubles(d, w, h, bands));
            s.commit();
        }
    }
}
