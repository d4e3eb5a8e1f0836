package org.aerolux.core.resample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import net.imglib2.FinalInterval;
import net.imglib2.Interval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.aerolux.core.BadInputException;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;

/**
 * A source seen on a {@link ResampleGrid}'s model grid: every read is computed from the input on demand, with
 * separable {@link AxisKernel} weights (area averaging along an axis that shrinks, bilinear along one that
 * enlarges), in double precision. Nothing is cached: a window is made from strips of at most about
 * {@value #STRIP_ROWS} input rows (and only the input columns it needs), so memory stays bounded by the window
 * asked for plus one strip, whatever the factor.
 *
 * <p>Nodata: an input pixel is nodata when any of the bands read is NaN or that band's nodata value. A model pixel
 * is the weighted mean of the data pixels under its kernel, and NaN (nodata) when they carry less than half the
 * kernel's weight. The view's info: model-grid size, float32, no nodata values (NaN is nodata), the input's band
 * descriptions, and the input's georeference scaled to the model grid (same CRS and corners).
 *
 * <p>Reads are as thread-safe as the input's.
 */
public final class ResampledSource implements RasterSource {
    /** Input rows per strip (more when one model row needs more). */
    public static final int STRIP_ROWS = 128;

    private final RasterSource input;
    private final ResampleGrid grid;
    private final RasterInfo info;

    /** Does not take ownership: closing this view does not close {@code input}. */
    public ResampledSource(RasterSource input, ResampleGrid grid) {
        RasterInfo in = input.info();
        if (in.width() != grid.inputWidth() || in.height() != grid.inputHeight())
            throw new IllegalArgumentException("the grid is for " + grid.inputWidth() + "x" + grid.inputHeight() + ", the input is "
                    + in.width() + "x" + in.height());
        this.input = input;
        this.grid = grid;
        List<OptionalDouble> none = new ArrayList<>(Collections.nCopies(in.bandCount(), OptionalDouble.empty()));
        this.info = new RasterInfo(grid.modelWidth(), grid.modelHeight(), in.bandCount(), DataType.FLOAT32,
                scaled(in.georeference(), grid), none, in.bandDescriptions());
    }

    /** The georeference of the model grid: the same CRS, each pixel step scaled by input pixels per model pixel. */
    static Georeference scaled(Georeference g, ResampleGrid grid) {
        double sx = grid.scaleX(), sy = grid.scaleY();
        return new Georeference(g.crs(), g.transform().map(t -> new Affine(t.originX(), t.pixelWidth() * sx, t.rowRotation() * sy,
                t.originY(), t.columnRotation() * sx, t.pixelHeight() * sy)));
    }

    /** The grid this view resamples to. */
    public ResampleGrid grid() { return grid; }

    @Override
    public RasterInfo info() { return info; }

    @Override
    public RandomAccessibleInterval<FloatType> read(Interval window, int... bands) {
        int x0 = (int) window.min(0), y0 = (int) window.min(1);
        int w = (int) window.dimension(0), h = (int) window.dimension(1);
        if (x0 < 0 || y0 < 0 || x0 + w > info.width() || y0 + h > info.height())
            throw new BadInputException(null, "window " + x0 + "," + y0 + " " + w + "x" + h + " leaves the resampled "
                    + info.width() + "x" + info.height() + " grid");
        int nb = bands.length;
        if ((long) w * h * nb > Integer.MAX_VALUE - 8) throw new BadInputException(null, "window too large: " + w + "x" + h);
        float[] out = new float[w * h * nb];
        AxisKernel xk = AxisKernel.forResampling(grid.inputWidth(), grid.modelWidth(), x0, x0 + w);
        int rowsPerStrip = Math.max(1, (int) (STRIP_ROWS / Math.max(1, grid.scaleY())));
        double[] nodata = nodataOf(bands);
        for (int r = 0; r < h; r += rowsPerStrip) {
            int n = Math.min(rowsPerStrip, h - r);
            AxisKernel yk = AxisKernel.forResampling(grid.inputHeight(), grid.modelHeight(), y0 + r, y0 + r + n);
            strip(xk, yk, bands, nodata, out, w, h, r);
        }
        return Views.translate(ArrayImgs.floats(out, w, h, nb), x0, y0, 0);
    }

    private double[] nodataOf(int[] bands) {
        double[] nd = new double[bands.length];
        for (int b = 0; b < bands.length; b++) nd[b] = input.info().nodata().get(bands[b]).orElse(Double.NaN);
        return nd;
    }

    /** Output rows {@code [r, r + yk.size())} of the window from one strip of input rows. */
    private void strip(AxisKernel xk, AxisKernel yk, int[] bands, double[] nodata, float[] out, int w, int h, int r) {
        int ix0 = xk.inputStart(), ix1 = xk.inputEnd(), iy0 = yk.inputStart(), iy1 = yk.inputEnd();
        int iw = ix1 - ix0, ih = iy1 - iy0, nb = bands.length;
        float[] data = new float[iw * ih * nb];
        RandomAccessibleInterval<FloatType> raw = input.read(new FinalInterval(new long[] {ix0, iy0}, new long[] {ix1 - 1, iy1 - 1}), bands);
        LoopBuilder.setImages(raw, Views.translate(ArrayImgs.floats(data, iw, ih, nb), ix0, iy0, 0)).forEachPixel((a, b) -> b.set(a));
        int plane = iw * ih;
        boolean[] valid = new boolean[plane];
        boolean anyNodata = false;
        for (int i = 0; i < plane; i++) {
            boolean ok = true;
            for (int b = 0; b < nb; b++) {
                float v = data[b * plane + i];
                if (v != v || v == nodata[b]) ok = false;
            }
            valid[i] = ok;
            anyNodata |= !ok;
        }
        // horizontal pass: per input row and output column, sums of weight x value (data pixels only) and of weight
        double[] hv = new double[ih * w * nb], hw = new double[ih * w];
        for (int y = 0; y < ih; y++) {
            for (int k = 0; k < w; k++) {
                int s = xk.start(k) - ix0, len = xk.length(k);
                double ws = 0;
                for (int i = 0; i < len; i++) {
                    int p = y * iw + s + i;
                    if (!valid[p]) continue;
                    double wt = xk.weight(k, i);
                    ws += wt;
                    for (int b = 0; b < nb; b++) hv[(b * ih + y) * w + k] += wt * data[b * plane + p];
                }
                hw[y * w + k] = ws;
            }
        }
        // vertical pass
        for (int q = 0; q < yk.size(); q++) {
            int s = yk.start(q) - iy0, len = yk.length(q), oy = r + q;
            for (int k = 0; k < w; k++) {
                double ws = 0;
                for (int i = 0; i < len; i++) ws += yk.weight(q, i) * hw[(s + i) * w + k];
                boolean ok = !anyNodata || ws >= 0.5;
                for (int b = 0; b < nb; b++) {
                    double v = 0;
                    for (int i = 0; i < len; i++) v += yk.weight(q, i) * hv[(b * ih + s + i) * w + k];
                    out[(b * h + oy) * w + k] = ok ? (float) (v / ws) : Float.NaN;
                }
            }
        }
    }

    /** Does nothing: the input belongs to the caller. */
    @Override
    public void close() {}
}
