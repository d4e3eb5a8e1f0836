package org.aerolux.enhancement;

import java.nio.file.Path;
import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.aerolux.core.UsageException;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.core.raster.Rasters;

/**
 * PSNR and SSIM of the input ("before") and of the enhanced image ("after") against a reference (a normal-light
 * image of the same scene and size). All three are mapped to [0, 1] with the enhancement's value range (the
 * reference is taken to share the input's units; 8-bit is divided by 255), clamped, and compared on the
 * enhanced bands (one channel for grey). Nodata pixels of any of the three are set to 0 in all three, so they
 * add nothing to the error.
 *
 * @param before   input vs reference
 * @param after    enhanced vs reference
 * @param channels bands compared (1-based, as in the input)
 */
public record ReferenceComparison(ImageQuality.Scores before, ImageQuality.Scores after, String channels) {
    /**
     * @throws UsageException when the reference's size or band count does not fit the input
     */
    public static ReferenceComparison compare(Path input, Path enhanced, Path reference, BandSelection bands, ValueRange range) {
        int[] channels = bands.distinct();
        try (RasterSource in = Rasters.open(input); RasterSource out = Rasters.open(enhanced); RasterSource ref = Rasters.open(reference)) {
            RasterInfo i = in.info(), r = ref.info();
            if (r.width() != i.width() || r.height() != i.height())
                throw new UsageException(reference, "--reference is " + r.width() + "x" + r.height() + " but the input is " + i.width()
                        + "x" + i.height());
            for (int c : channels)
                if (c >= r.bandCount())
                    throw new UsageException(reference, "--reference has " + r.bandCount() + " bands; band " + (c + 1) + " is compared");
            int w = i.width(), h = i.height();
            float[][] a = unit(in, channels, range), b = unit(out, channels, range), g = unit(ref, channels, range);
            for (int c = 0; c < channels.length; c++)
                for (int p = 0; p < w * h; p++)
                    if (Float.isNaN(a[c][p]) || Float.isNaN(b[c][p]) || Float.isNaN(g[c][p])) a[c][p] = b[c][p] = g[c][p] = 0;
            StringBuilder names = new StringBuilder();
            for (int c : channels) names.append(names.length() == 0 ? "" : ",").append(c + 1);
            return new ReferenceComparison(ImageQuality.scores(g, a, w, h, 1.0), ImageQuality.scores(g, b, w, h, 1.0), names.toString());
        }
    }

    /** The bands as [c][y * w + x] in [0, 1]; NaN at nodata. */
    static float[][] unit(RasterSource src, int[] bands, ValueRange range) {
        RasterInfo info = src.info();
        int w = info.width(), h = info.height();
        RandomAccessibleInterval<FloatType> all = src.read(new FinalInterval(new long[] {0, 0}, new long[] {w - 1, h - 1}), bands);
        float[][] out = new float[bands.length][w * h];
        var cursor = Views.flatIterable(all).cursor();
        for (int c = 0; c < bands.length; c++) {
            Nodata nd = Nodata.of(info, bands[c]);
            for (int p = 0; p < w * h; p++) {
                float v = cursor.next().get();
                out[c][p] = nd.isMissing(v) ? Float.NaN : range.toUnit(v);
            }
        }
        return out;
    }
}
