package org.aerolux.core.resample;

import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;

/**
 * Which input pixels hold data, row band by row band, read from the source itself (a pixel is nodata when any of
 * the model's bands is NaN or that band's nodata value, as the tiled pipeline decides), so that outputs mapped
 * back from the model grid are nodata exactly where the input is.
 */
@FunctionalInterface
public interface InputMask {
    /** {@code valid[y * width + x]} for rows {@code [y0, y0 + rows)}: 1 for data, 0 for nodata. */
    byte[] rows(long y0, int rows);

    /**
     * The mask of {@code source} for these 0-based bands; null when no pixel can be nodata (integer data without a
     * nodata value in those bands), so that nothing is read twice.
     */
    static InputMask of(RasterSource source, int[] bands) {
        RasterInfo info = source.info();
        boolean possible = info.dataType().isFloating();
        for (int b : bands) possible |= info.nodata().get(b).isPresent();
        if (!possible) return null;
        int[] bs = bands.clone();
        return (y0, rows) -> {
            int w = info.width(), nb = bs.length, plane = w * rows;
            float[] data = new float[plane * nb];
            RandomAccessibleInterval<FloatType> raw = source.read(new FinalInterval(new long[] {0, y0}, new long[] {w - 1, y0 + rows - 1}), bs);
            LoopBuilder.setImages(raw, Views.translate(ArrayImgs.floats(data, w, rows, nb), 0, y0, 0)).forEachPixel((a, b) -> b.set(a));
            byte[] valid = new byte[plane];
            java.util.Arrays.fill(valid, (byte) 1);
            for (int b = 0; b < nb; b++) {
                var nd = info.nodata().get(bs[b]);
                double nodata = nd.isPresent() ? nd.getAsDouble() : Double.NaN; // compared as the pipeline does
                boolean has = nd.isPresent();
                for (int i = 0; i < plane; i++) {
                    float v = data[b * plane + i];
                    if (v != v || (has && v == nodata)) valid[i] = 0;
                }
            }
            return valid;
        };
    }
}
