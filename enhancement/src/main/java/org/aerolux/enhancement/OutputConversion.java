package org.aerolux.enhancement;

import org.aerolux.core.raster.DataType;

/**
 * From a model output in [0, 1] back to a sample of the input's type: clamp to [0, 1], map through the
 * {@link ValueRange}, then round to the nearest integer and clamp to the type's limits (integer types) or cast
 * (float32). A valid result that lands exactly on the band's nodata value is moved one step towards the middle of
 * the range (e.g. 0 becomes 1 when 0 is nodata), so that an enhanced pixel never turns into nodata.
 */
record OutputConversion(ValueRange range, DataType type, Nodata nodata) {
    /** The output sample for a model output. */
    double convert(double unit) {
        double v = range.fromUnit(unit);
        if (type.isFloating()) {
            if (type == DataType.FLOAT32) v = (float) v;
            if (nodata.declared() && nodata.isMissing(v)) v = towardsMiddle(v);
            return v;
        }
        v = Math.max(type.min(), Math.min(type.max(), Math.rint(v)));
        if (nodata.declared() && v == nodata.value()) v = towardsMiddle(v);
        return v;
    }

    /** The value written where the model did not run (the input was nodata): the band's nodata, else NaN. */
    double missing() { return nodata.declared() ? nodata.value() : Double.NaN; }

    private double towardsMiddle(double v) {
        boolean up = v <= (range.low() + range.high()) / 2;
        if (type.isFloating()) {
            if (type == DataType.FLOAT32) return up ? Math.nextUp((float) v) : Math.nextDown((float) v);
            return up ? Math.nextUp(v) : Math.nextDown(v);
        }
        double moved = up ? v + 1 : v - 1;
        return Math.max(type.min(), Math.min(type.max(), moved));
    }
}
