package org.aerolux.enhancement;

import java.util.Locale;
import org.aerolux.core.UsageException;

/**
 * The raw values that map to the model's [0, 1]: {@code unit = clamp((raw - low) / (high - low), 0, 1)} on the way
 * in, and {@code raw = low + clamp(unit, 0, 1) * (high - low)} on the way out, so the enhanced image has the input's
 * units and data type. One range serves all three colour bands (a range per band would change the white balance).
 *
 * @param low    raw value of black (0)
 * @param high   raw value of white (1); greater than low
 * @param method where the range came from
 * @param detail one line for provenance, e.g. the percentiles and the exact data extremes
 */
public record ValueRange(double low, double high, Method method, String detail) {
    /** Where a range came from. */
    public enum Method {
        /** The full scale of 8-bit data, 0..255: what 8-bit photographs (and the model's training data) use. */
        TYPE_FULL_SCALE,
        /** Given by the user ({@code --range MIN,MAX}). */
        USER,
        /** Robust extremes of the data: low and high percentiles of the valid samples of the chosen bands. */
        DATA_PERCENTILES
    }

    public ValueRange {
        if (!Double.isFinite(low) || !Double.isFinite(high) || !(high > low))
            throw new UsageException(null, "the value range needs finite MIN < MAX, got " + low + ", " + high);
    }

    /** 0..255 for uint8 data. */
    public static ValueRange uint8FullScale() {
        return new ValueRange(0, 255, Method.TYPE_FULL_SCALE, "uint8 full scale 0..255");
    }

    /** A user's range. */
    public static ValueRange user(double low, double high) {
        return new ValueRange(low, high, Method.USER, "given with --range");
    }

    /** Parses {@code MIN,MAX} as typed after {@code --range}. */
    public static ValueRange parse(String text) {
        String[] parts = text == null ? new String[0] : text.split(",");
        if (parts.length != 2) throw new UsageException(null, "--range must be MIN,MAX, e.g. 0,4095, got '" + text + "'");
        try {
            double lo = Double.parseDouble(parts[0].trim()), hi = Double.parseDouble(parts[1].trim());
            if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi))
                throw new UsageException(null, "--range needs finite MIN < MAX, got '" + text + "'");
            return user(lo, hi);
        } catch (NumberFormatException e) {
            throw new UsageException(null, "--range must be two numbers MIN,MAX, got '" + text + "'");
        }
    }

    /** The model input for a raw value: clamped to [0, 1]. */
    public float toUnit(double raw) {
        double u = (raw - low) / (high - low);
        return (float) (u < 0 ? 0 : u > 1 ? 1 : u);
    }

    /** The raw value of a model output, after clamping it to [0, 1]. */
    public double fromUnit(double unit) {
        double u = unit < 0 ? 0 : unit > 1 ? 1 : unit;
        return low + u * (high - low);
    }

    /** Width of the range in raw units (to express unit differences in data units). */
    public double span() { return high - low; }

    @Override
    public String toString() { return String.format(Locale.ROOT, "%s..%s (%s)", fmt(low), fmt(high), detail); }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }
}
