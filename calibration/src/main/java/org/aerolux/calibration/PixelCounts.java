package org.aerolux.calibration;

/**
 * Where the pixels went. {@code seen = evaluated + invalid + ignored + background + nonFinite}.
 *
 * @param seen       pixels handed in
 * @param evaluated  pixels that entered the metrics
 * @param invalid    pixels outside the validity mask (nodata)
 * @param ignored    pixels carrying the ignore label
 * @param background background pixels left out in foreground-only mode
 * @param nonFinite  pixels with a NaN or infinite score
 */
public record PixelCounts(long seen, long evaluated, long invalid, long ignored, long background, long nonFinite) {

    public static final PixelCounts ZERO = new PixelCounts(0, 0, 0, 0, 0, 0);

    public PixelCounts plus(PixelCounts o) {
        return new PixelCounts(seen + o.seen, evaluated + o.evaluated, invalid + o.invalid, ignored + o.ignored,
                background + o.background, nonFinite + o.nonFinite);
    }
}
