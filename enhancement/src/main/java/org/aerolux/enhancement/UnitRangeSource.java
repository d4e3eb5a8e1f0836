package org.aerolux.enhancement;

import java.util.Collections;
import java.util.OptionalDouble;
import net.imglib2.Interval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;

/**
 * The model's view of a raster: every sample mapped to [0, 1] through a {@link ValueRange} (clamped), nodata and
 * NaN samples as NaN (which the pipeline treats as nodata). The info is the raw one with float32 samples and no
 * declared nodata value, so that a valid 0 is never mistaken for nodata. Does not own the raw source.
 */
final class UnitRangeSource implements RasterSource {
    private final RasterSource raw;
    private final ValueRange range;
    private final RasterInfo info;

    UnitRangeSource(RasterSource raw, ValueRange range) {
        this.raw = raw;
        this.range = range;
        RasterInfo r = raw.info();
        this.info = new RasterInfo(r.width(), r.height(), r.bandCount(), DataType.FLOAT32, r.georeference(),
                Collections.nCopies(r.bandCount(), OptionalDouble.empty()), r.bandDescriptions());
    }

    @Override
    public RasterInfo info() { return info; }

    @Override
    public RandomAccessibleInterval<FloatType> read(Interval window, int... bands) {
        RandomAccessibleInterval<FloatType> in = raw.read(window, bands);
        int w = (int) window.dimension(0), h = (int) window.dimension(1);
        ArrayImg<FloatType, FloatArray> out = ArrayImgs.floats(w, h, bands.length);
        RandomAccessibleInterval<FloatType> placed = Views.translate(out, window.min(0), window.min(1), 0);
        LoopBuilder.setImages(in, placed).forEachPixel((a, b) -> b.set(a));
        float[] data = out.update(null).getCurrentStorageArray();
        RasterInfo r = raw.info();
        int plane = w * h;
        for (int k = 0; k < bands.length; k++) {
            Nodata nodata = Nodata.of(r, bands[k]);
            for (int i = k * plane, end = i + plane; i < end; i++) {
                float v = data[i];
                data[i] = nodata.isMissing(v) ? Float.NaN : range.toUnit(v);
            }
        }
        return placed;
    }

    /** The raw source is the caller's to close. */
    @Override
    public void close() {}
}
