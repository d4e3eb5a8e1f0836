package org.aerolux.core.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import net.imglib2.Cursor;
import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.aerolux.core.image.ImgRasterSource;
import org.aerolux.core.pipeline.BlockConsumer;
import org.aerolux.core.pipeline.OutputBlock;
import org.aerolux.core.raster.Georeference;
import org.junit.jupiter.api.Test;

/**
 * The resampling kernels against values worked out by hand: area averaging is the mean over the footprint,
 * bilinear reproduces linear functions, both keep constants, reading in strips gives the same values as one read,
 * nodata is left out, and mapping back onto the input grid streams rows in any block sizes with the same result.
 */
class ResampleKernelsTest {

    @Test
    void areaWeightsAreFootprintOverlaps() {
        AxisKernel k = AxisKernel.area(5, 2, 0, 2); // s = 2.5: [0, 2.5) and [2.5, 5)
        assertEquals(0, k.start(0));
        assertEquals(3, k.length(0));
        assertArrayEquals(new double[] {0.4, 0.4, 0.2}, new double[] {k.weight(0, 0), k.weight(0, 1), k.weight(0, 2)}, 1e-15);
        assertEquals(2, k.start(1));
        assertArrayEquals(new double[] {0.2, 0.4, 0.4}, new double[] {k.weight(1, 0), k.weight(1, 1), k.weight(1, 2)}, 1e-15);
        AxisKernel id = AxisKernel.area(7, 7, 0, 7);
        for (int j = 0; j < 7; j++) {
            assertEquals(j, id.start(j));
            assertEquals(1, id.length(j));
            assertEquals(1.0, id.weight(j, 0));
        }
    }

    @Test
    void bilinearWeightsFollowPixelCentres() {
        AxisKernel k = AxisKernel.bilinear(2, 4, 0, 4); // centres of 4 outputs at input coordinates -0.25, 0.25, 0.75, 1.25
        assertEquals(0, k.start(0));
        assertEquals(1, k.length(0)); // clamped to the first pixel
        assertEquals(1.0, k.weight(0, 0));
        assertEquals(0.75, k.weight(1, 0), 1e-15);
        assertEquals(0.25, k.weight(1, 1), 1e-15);
        assertEquals(0.25, k.weight(2, 0), 1e-15);
        assertEquals(0.75, k.weight(2, 1), 1e-15);
        assertEquals(1, k.start(3));
        assertEquals(1.0, k.weight(3, 0));
    }

    @Test
    void shrinkingAveragesFootprints() {
        float[] px = new float[6 * 4];
        for (int i = 0; i < px.length; i++) px[i] = i;
        ResampledSource s = new ResampledSource(ImgRasterSource.of(ArrayImgs.floats(px, 6, 4)), new ResampleGrid(6, 4, 3, 2));
        float[] out = values(s.read(new FinalInterval(3, 2), 0));
        // the mean of each 2 x 2 block of i = y * 6 + x
        assertArrayEquals(new float[] {3.5f, 5.5f, 7.5f, 15.5f, 17.5f, 19.5f}, out, 1e-5f);
    }

    @Test
    void enlargingReproducesLinearFunctionsAndConstants() {
        int w = 20, h = 15;
        float[] px = new float[w * h * 2];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                px[y * w + x] = 3 * x - 2 * y + 1;
                px[w * h + y * w + x] = 42;
            }
        ResampleGrid g = ResampleGrid.of(w, h, 2.5, 2.5);
        ResampledSource s = new ResampledSource(ImgRasterSource.of(ArrayImgs.floats(px, w, h, 2)), g);
        assertEquals(50, s.info().width());
        RandomAccessibleInterval<FloatType> r = s.read(new FinalInterval(50, 38), 0, 1);
        Cursor<FloatType> c = Views.flatIterable(r).localizingCursor();
        while (c.hasNext()) {
            float v = c.next().get();
            int j = c.getIntPosition(0), i = c.getIntPosition(1), b = c.getIntPosition(2);
            double u = (j + 0.5) * g.scaleX() - 0.5, t = (i + 0.5) * g.scaleY() - 0.5;
            boolean inside = u >= 0 && u <= w - 1 && t >= 0 && t <= h - 1;
            if (b == 1) assertEquals(42f, v, 1e-5f);
            else if (inside) assertEquals(3 * u - 2 * t + 1, v, 1e-4);
        }
    }

    @Test
    void stripsAndWindowsGiveTheValuesOfOneRead() {
        int w = 300, h = 700;
        float[] px = new float[w * h];
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < px.length; i++) px[i] = rnd.nextFloat() * 255;
        for (double f : new double[] {0.37, 1.6}) {
            ResampleGrid g = ResampleGrid.of(w, h, f, f);
            ResampledSource s = new ResampledSource(ImgRasterSource.of(ArrayImgs.floats(px, w, h)), g);
            float[] all = values(s.read(new FinalInterval(g.modelWidth(), g.modelHeight()), 0));
            int x0 = 7, y0 = 33, ww = g.modelWidth() - 20, hh = g.modelHeight() - 50;
            float[] part = values(s.read(new FinalInterval(new long[] {x0, y0}, new long[] {x0 + ww - 1, y0 + hh - 1}), 0));
            for (int y = 0; y < hh; y++)
                for (int x = 0; x < ww; x++)
                    assertEquals(all[(y0 + y) * g.modelWidth() + x0 + x], part[y * ww + x], "factor " + f + " at " + x + "," + y);
        }
    }

    @Test
    void nodataIsLeftOutOfAverages() {
        float[] px = {1, 2, 9, 9, 3, Float.NaN, 9, 9, -5, -5, -5, 4};
        // 4 x 3, nodata -5: blocks of 2 x 1 rows -> [1,2]=1.5, [9,9]=9, [3,NaN]=3 (half the weight), [9,9]=9, [-5,-5] nodata, [-5,4]=4
        var src = new ImgRasterSource<>(ArrayImgs.floats(px, 4, 3), Georeference.NONE, List.of(OptionalDouble.of(-5)));
        ResampledSource s = new ResampledSource(src, new ResampleGrid(4, 3, 2, 3));
        float[] out = values(s.read(new FinalInterval(2, 3), 0));
        assertArrayEquals(new float[] {1.5f, 9f, 3f, 9f, Float.NaN, 4f}, out);
    }

    @Test
    void backMappingStreamsRowsAndReproducesLinearFunctions() {
        ResampleGrid g = new ResampleGrid(1000, 333, 400, 150); // enlarging back by 2.5 x 2.22
        float[] model = new float[400 * 150 * 2];
        for (int y = 0; y < 150; y++)
            for (int x = 0; x < 400; x++) {
                model[y * 400 + x] = 0.001f * x + 0.002f * y;
                model[400 * 150 + y * 400 + x] = 1 - model[y * 400 + x];
            }
        List<OutputBlock> a = mapBack(g, model, 400, 150, 37), b = mapBack(g, model, 400, 150, 150);
        float[] ra = join(a, 1000, 333, 2), rb = join(b, 1000, 333, 2);
        assertArrayEquals(ra, rb, "block sizes do not change the result");
        for (int y = 0; y < 333; y++)
            for (int x = 0; x < 1000; x++) {
                double u = Math.max(0, Math.min(399, (x + 0.5) / g.scaleX() - 0.5)), v = Math.max(0, Math.min(149, (y + 0.5) / g.scaleY() - 0.5));
                assertEquals(0.001 * u + 0.002 * v, ra[y * 1000 + x], 1e-5);
                assertEquals(1.0, ra[y * 1000 + x] + ra[1000 * 333 + y * 1000 + x], 1e-6, "probabilities still sum to 1");
            }
        for (OutputBlock blk : a) assertTrue((long) blk.width() * blk.height() * blk.channels() <= Math.max(GridBackMapper.MAX_BLOCK_VALUES, 2000));
    }

    @Test
    void backMappingAtFactorOneIsTheIdentity() {
        ResampleGrid g = new ResampleGrid(64, 48, 64, 48);
        float[] model = new float[64 * 48];
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < model.length; i++) model[i] = rnd.nextFloat();
        assertArrayEquals(model, join(mapBack(g, model, 64, 48, 10), 64, 48, 1));
    }

    private static List<OutputBlock> mapBack(ResampleGrid g, float[] model, int w, int h, int blockRows) {
        List<OutputBlock> got = new ArrayList<>();
        int channels = model.length / (w * h);
        BlockConsumer sink = new BlockConsumer() {
            @Override
            public void accept(OutputBlock block) { got.add(block); }
        };
        GridBackMapper m = new GridBackMapper(g, channels, sink, null);
        for (int y0 = 0; y0 < h; y0 += blockRows) {
            int n = Math.min(blockRows, h - y0);
            float[] d = new float[w * n * channels];
            for (int c = 0; c < channels; c++) System.arraycopy(model, c * w * h + y0 * w, d, c * w * n, w * n);
            byte[] valid = new byte[w * n];
            java.util.Arrays.fill(valid, (byte) 1);
            m.accept(new OutputBlock(y0, w, n, channels, d, valid));
        }
        m.finish();
        return got;
    }

    private static float[] join(List<OutputBlock> blocks, int w, int h, int channels) {
        float[] out = new float[w * h * channels];
        int y = 0;
        for (OutputBlock b : blocks) {
            assertEquals(y, b.minY());
            for (int c = 0; c < channels; c++)
                for (int r = 0; r < b.height(); r++)
                    for (int x = 0; x < w; x++) out[c * w * h + (y + r) * w + x] = b.get(c, x, r);
            y += b.height();
        }
        assertEquals(h, y);
        return out;
    }

    private static float[] values(RandomAccessibleInterval<FloatType> r) {
        ArrayImg<FloatType, FloatArray> copy = ArrayImgs.floats(r.dimensionsAsLongArray());
        net.imglib2.loops.LoopBuilder.setImages(Views.zeroMin(r), copy).forEachPixel((a, b) -> b.set(a));
        return copy.update(null).getCurrentStorageArray();
    }
}
