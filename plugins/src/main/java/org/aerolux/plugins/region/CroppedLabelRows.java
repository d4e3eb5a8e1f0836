package org.aerolux.plugins.region;

import com.google.gson.JsonObject;
import org.aerolux.segmentation.LabelRowsConsumer;

/** The label rows of an {@link ImageRegion}'s window, cut to its box, for a consumer of the box (the vector output). */
public final class CroppedLabelRows implements LabelRowsConsumer {
    private final LabelRowsConsumer inner;
    private final int windowWidth, x0, y0, width, height;

    private CroppedLabelRows(LabelRowsConsumer inner, ImageRegion region) {
        this.inner = inner;
        this.windowWidth = region.window().width;
        this.x0 = region.boxXInWindow();
        this.y0 = region.boxYInWindow();
        this.width = region.box().width;
        this.height = region.box().height;
    }

    /** The consumer itself for a region that is not cropped, else a cropping one. */
    public static LabelRowsConsumer of(LabelRowsConsumer inner, ImageRegion region) {
        return region.cropped() ? new CroppedLabelRows(inner, region) : inner;
    }

    @Override
    public void acceptRows(int first, byte[] labels, int rows) {
        int from = Math.max(first, y0), to = Math.min(first + rows, y0 + height);
        if (from >= to) return;
        byte[] cut = new byte[(to - from) * width];
        for (int y = from; y < to; y++)
            System.arraycopy(labels, (y - first) * windowWidth + x0, cut, (y - from) * width, width);
        inner.acceptRows(from - y0, cut, to - from);
    }

    @Override
    public JsonObject finish() { return inner.finish(); }

    @Override
    public void close() { inner.close(); }
}
