package org.aerolux.enhancement;

import java.util.List;
import net.imglib2.Cursor;
import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;
import org.aerolux.core.pipeline.BlockConsumer;
import org.aerolux.core.pipeline.OutputBlock;
import org.aerolux.core.raster.GeoTiffSource;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSink;
import org.aerolux.core.raster.RasterSource;

/**
 * Turns the pipeline's enhanced rows (model channels, [0, 1] ideally, NaN where the input was nodata) into rows
 * of the output image: every input band, in the input's data type. An enhanced band gets the mean of the model
 * channels fed from it ({@link BandSelection}), each clamped to [0, 1] first, converted by {@link OutputConversion}; at pixels the model did not
 * see (nodata in a selected band) it gets its nodata value. Bands not fed to the model are copied unchanged,
 * read exactly in their own type where the source allows it. Rows go to the sink in chunks of bounded size.
 */
final class EnhancedRowsWriter implements BlockConsumer {
    private static final long CHUNK_SAMPLES = 1L << 20;

    private final RasterSource source;
    private final RasterInfo info;
    private final BandSelection selection;
    private final OutputConversion[] conversions;
    private final int[][] channelsOfBand;
    private final int[] untouched;
    private final RasterSink sink;
    private boolean finished;

    EnhancedRowsWriter(RasterSource source, BandSelection selection, ValueRange range, RasterSink sink) {
        this.source = source;
        this.info = source.info();
        this.selection = selection;
        this.sink = sink;
        int n = info.bandCount();
        this.conversions = new OutputConversion[n];
        this.channelsOfBand = new int[n][];
        for (int b = 0; b < n; b++) {
            channelsOfBand[b] = selection.channelsOf(b);
            conversions[b] = new OutputConversion(range, info.dataType(), Nodata.of(info, b));
        }
        this.untouched = java.util.stream.IntStream.range(0, n).filter(b -> channelsOfBand[b].length == 0).toArray();
    }

    @Override
    public void accept(OutputBlock block) {
        int w = block.width();
        int rows = (int) Math.max(1, Math.min(block.height(), CHUNK_SAMPLES / ((long) w * info.bandCount())));
        for (int r0 = 0; r0 < block.height(); r0 += rows) writeRows(block, r0, Math.min(rows, block.height() - r0));
    }

    private void writeRows(OutputBlock block, int r0, int rh) {
        int w = block.width(), bands = info.bandCount(), plane = w * rh;
        long y0 = block.minY() + r0;
        double[] out = new double[plane * bands];
        if (untouched.length > 0) copyUntouched(out, y0, w, rh, plane);
        for (int b = 0; b < bands; b++) {
            int[] ch = channelsOfBand[b];
            if (ch.length == 0) continue;
            OutputConversion conv = conversions[b];
            double missing = conv.missing();
            int base = b * plane;
            for (int y = 0; y < rh; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    if (!block.isValid(x, r0 + y)) {
                        out[base + i] = missing;
                        continue;
                    }
                    double sum = 0;
                    for (int c : ch) sum += clamp(block.get(c, x, r0 + y)); // each channel as it would be written
                    out[base + i] = conv.convert(sum / ch.length);
                }
            }
        }
        sink.write(Views.translate(ArrayImgs.doubles(out, w, rh, bands), 0, y0, 0));
    }

    private static double clamp(float v) { return v < 0 ? 0 : v > 1 ? 1 : v; }

    /** Copies the bands the model does not see, exactly (native samples from a GeoTIFF). */
    private void copyUntouched(double[] out, long y0, int w, int rh, int plane) {
        FinalInterval window = new FinalInterval(new long[] {0, y0}, new long[] {w - 1, y0 + rh - 1});
        RandomAccessibleInterval<? extends RealType<?>> raw = source instanceof GeoTiffSource g
                ? g.readNative(window, untouched) : source.read(window, untouched);
        int k = 0;
        Cursor<? extends RealType<?>> c = Views.flatIterable(raw).cursor();
        for (int b : untouched) {
            int base = b * plane;
            for (int i = 0; i < plane; i++) out[base + i] = c.next().getRealDouble();
            k++;
        }
    }

    @Override
    public void finish() {
        sink.commit();
        finished = true;
    }

    @Override
    public void close() { sink.close(); }

    /** True after a successful commit. */
    boolean isFinished() { return finished; }

    /** Bands copied unchanged (0-based). */
    List<Integer> untouchedBands() { return java.util.Arrays.stream(untouched).boxed().toList(); }
}
