package org.aerolux.enhancement;

import java.util.Locale;
import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.aerolux.core.BadInputException;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;

/**
 * The default value range of data that has no natural full scale (16-bit, 32-bit, float): robust extremes of
 * the data, not the type's limits. 16-bit files rarely use 0..65535 (a 12-bit sensor tops out at 4095, a dark
 * scene far lower), so dividing by 65535 would hand the model an almost black image.
 *
 * <p>Why percentiles rather than the exact minimum and maximum: a single hot or dead pixel, a specular glint or
 * a fill value that is not declared as nodata sets the exact extreme, and one such pixel at 65535 would compress
 * every real value towards black. The low and high {@value #TAIL} quantiles (one sample in ten thousand at each
 * end, i.e. up to 100 stray pixels per megapixel and band) ignore such outliers while clipping almost nothing of
 * a real highlight; below ten thousand samples they are the exact minimum and maximum. Values beyond the range
 * are clamped to 0 or 1 for the model, so a clipped light source stays white. The exact extremes are recorded
 * beside the range in the provenance, and {@code --range MIN,MAX} overrides everything (use it for a known
 * sensor scale, e.g. 0,4095, or to keep several images on one scale).
 *
 * <p>Quantiles are exact for 8- and 16-bit integers (one histogram bin per value, one pass) and within 1/65536 of
 * the data's span for other types (a min/max pass, then a 65,536-bin histogram; the low quantile takes its bin's
 * lower edge and the high one its bin's upper edge, so the range never clips more than the stated tail). Nodata
 * and NaN samples are left out.
 */
public final class RangeEstimator {
    /** Fraction of valid samples allowed to fall below the range, and the same above it. */
    public static final double TAIL = 1e-4;
    private static final int BINS = 65536;
    private static final long CHUNK_SAMPLES = 4L << 20;

    private RangeEstimator() {}

    /** The default range for an input: 0..255 for uint8, robust data percentiles otherwise. */
    public static ValueRange defaultRange(RasterSource source, int[] bands) {
        if (source.info().dataType() == DataType.UINT8) return ValueRange.uint8FullScale();
        return robust(source, bands, TAIL);
    }

    /**
     * The [tail, 1 - tail] quantiles of the valid samples of {@code bands}.
     *
     * @throws BadInputException when those bands hold no valid sample
     */
    public static ValueRange robust(RasterSource source, int[] bands, double tail) {
        RasterInfo info = source.info();
        DataType t = info.dataType();
        boolean exactInts = !t.isFloating() && t.bits() <= 16;
        double[] minMax = exactInts ? new double[] {t.min(), t.max()} : minMax(source, bands);
        long[] hist = new long[exactInts ? (int) (t.max() - t.min() + 1) : BINS];
        double lo = minMax[0], width = exactInts ? 1 : (minMax[1] - minMax[0]) / BINS;
        double[] extremes = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        long n = scan(source, bands, (v) -> {
            int bin = exactInts ? (int) (v - lo) : width == 0 ? 0 : (int) Math.min(BINS - 1, (v - lo) / width);
            hist[bin]++;
            if (v < extremes[0]) extremes[0] = v;
            if (v > extremes[1]) extremes[1] = v;
        });
        if (n == 0) throw new BadInputException(null, "the selected bands hold no valid pixel (all nodata or NaN)");
        long k = (long) Math.floor(tail * n);
        long lowRank = k, highRank = n - 1 - k;
        int lowBin = binOfRank(hist, lowRank), highBin = binOfRank(hist, highRank);
        double low, high;
        if (exactInts) {
            low = lo + lowBin;
            high = lo + highBin;
        } else {
            low = lowBin == 0 ? extremes[0] : lo + lowBin * width;
            high = highBin == BINS - 1 ? extremes[1] : lo + (highBin + 1) * width;
        }
        String detail = String.format(Locale.ROOT, "%s..%s percentiles of %d valid samples of bands %s (exact min %s, max %s)",
                pct(tail), pct(1 - tail), n, oneBased(bands), ValueRange.fmt(extremes[0]), ValueRange.fmt(extremes[1]));
        if (!(high > low)) {
            // a flat image: keep its value as black and give the range a unit width so that nothing divides by 0
            high = low + (t.isFloating() ? Math.max(1e-6, Math.abs(low) * 1e-6) : 1);
            detail += "; the data is flat, so the range was widened to a width of " + ValueRange.fmt(high - low);
        }
        return new ValueRange(low, high, ValueRange.Method.DATA_PERCENTILES, detail);
    }

    private static int binOfRank(long[] hist, long rank) {
        long cum = 0;
        for (int i = 0; i < hist.length; i++) {
            cum += hist[i];
            if (cum > rank) return i;
        }
        return hist.length - 1;
    }

    private static double[] minMax(RasterSource source, int[] bands) {
        double[] mm = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        long n = scan(source, bands, v -> {
            if (v < mm[0]) mm[0] = v;
            if (v > mm[1]) mm[1] = v;
        });
        if (n == 0) throw new BadInputException(null, "the selected bands hold no valid pixel (all nodata or NaN)");
        return mm;
    }

    private interface SampleVisitor {
        void accept(double v);
    }

    /** Visits every valid sample of the bands, in row chunks; returns how many. */
    private static long scan(RasterSource source, int[] bands, SampleVisitor visitor) {
        RasterInfo info = source.info();
        int w = info.width(), h = info.height();
        int rows = (int) Math.max(1, Math.min(h, CHUNK_SAMPLES / ((long) w * bands.length)));
        long n = 0;
        for (int y0 = 0; y0 < h; y0 += rows) {
            int rh = Math.min(rows, h - y0);
            RandomAccessibleInterval<FloatType> block = source.read(new FinalInterval(new long[] {0, y0}, new long[] {w - 1, y0 + rh - 1}), bands);
            float[] data = new float[w * rh * bands.length];
            LoopBuilder.setImages(block, Views.translate(ArrayImgs.floats(data, w, rh, bands.length), 0, y0, 0))
                    .forEachPixel((in, out) -> out.set(in));
            int plane = w * rh;
            for (int k = 0; k < bands.length; k++) {
                Nodata nodata = Nodata.of(info, bands[k]);
                for (int i = 0; i < plane; i++) {
                    float v = data[k * plane + i];
                    if (nodata.isMissing(v)) continue;
                    visitor.accept(v);
                    n++;
                }
            }
        }
        return n;
    }

    private static String pct(double f) {
        return String.format(Locale.ROOT, "%.4g%%", f * 100).replaceAll("\\.?0+%$", "%");
    }

    private static String oneBased(int[] bands) {
        StringBuilder sb = new StringBuilder();
        for (int b : bands) sb.append(sb.length() == 0 ? "" : ",").append(b + 1);
        return sb.toString();
    }
}
