package org.aerolux.enhancement;

import net.imglib2.FinalInterval;
import net.imglib2.Interval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;
import org.aerolux.core.BadInputException;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;

/** A rectangular part of another raster as a raster of its own (pixel (0, 0) = the window's corner). */
final class WindowSource implements RasterSource {
    private final RasterSource base;
    private final Interval window;
    private final RasterInfo info;

    WindowSource(RasterSource base, Interval window) {
        RasterInfo b = base.info();
        if (window.min(0) < 0 || window.min(1) < 0 || window.max(0) >= b.width() || window.max(1) >= b.height())
            throw new IllegalArgumentException("window " + Intervals.toString(window) + " is outside the image");
        this.base = base;
        this.window = new FinalInterval(window);
        this.info = new RasterInfo((int) window.dimension(0), (int) window.dimension(1), b.bandCount(), b.dataType(),
                b.georeference().shifted(window.min(0), window.min(1)), b.nodata(), b.bandDescriptions());
    }

    /** The window in the base raster's pixels. */
    Interval window() { return window; }

    @Override
    public RasterInfo info() { return info; }

    @Override
    public RandomAccessibleInterval<FloatType> read(Interval w, int... bands) {
        if (w.min(0) < 0 || w.min(1) < 0 || w.max(0) >= info.width() || w.max(1) >= info.height())
            throw new BadInputException(null, "window " + Intervals.toString(w) + " is outside the " + info.width() + "x"
                    + info.height() + " probe");
        long dx = window.min(0), dy = window.min(1);
        Interval shifted = Intervals.translate(Intervals.translate(w, dx, 0), dy, 1);
        return Views.translate(base.read(shifted, bands), -dx, -dy, 0);
    }

    @Override
    public void close() {}
}
