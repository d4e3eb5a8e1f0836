package org.aerolux.enhancement;

import java.time.Duration;
import java.util.Optional;

/**
 * How far tiled output is from whole-image output, measured on a probe window that fits whole-image mode: the
 * probe runs both ways with the same model, grid and blending, and the clamped [0, 1] outputs are compared over
 * all channels of its valid pixels. Multiply by the range's span for data units ({@link #maxAbsData}).
 *
 * @param measured    false when not measured (whole-image mode, switched off, or no probe fits)
 * @param note        why not, or what was measured
 * @param probeX      probe window, left column in the image
 * @param probeY      top row
 * @param probeWidth  width (0 when not measured)
 * @param probeHeight height
 * @param probeTiles  tiles the tiled run of the probe used
 * @param maxAbs      largest absolute difference, in [0, 1] units
 * @param meanAbs     mean absolute difference
 * @param rmse        root mean square difference
 * @param pixels      valid pixels compared
 * @param span        the value range's span (data units per 1.0)
 * @param time        time both probe runs took
 */
public record TiledGap(boolean measured, String note, long probeX, long probeY, int probeWidth, int probeHeight, int probeTiles,
                       double maxAbs, double meanAbs, double rmse, long pixels, double span, Duration time) {
    /** Not measured, and why. */
    public static TiledGap notMeasured(String why) {
        return new TiledGap(false, why, 0, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, Duration.ZERO);
    }

    /** The same measurement with the value range's span, to express it in data units. */
    public TiledGap withSpan(double dataSpan) {
        return new TiledGap(measured, note, probeX, probeY, probeWidth, probeHeight, probeTiles, maxAbs, meanAbs, rmse, pixels,
                dataSpan, time);
    }

    /** The largest difference in the input's data units. */
    public double maxAbsData() { return maxAbs * span; }

    /** The mean difference in the input's data units. */
    public double meanAbsData() { return meanAbs * span; }

    /** The probe window as "x,y widthxheight", when measured. */
    public Optional<String> window() {
        return measured ? Optional.of(probeX + "," + probeY + " " + probeWidth + "x" + probeHeight) : Optional.empty();
    }
}
