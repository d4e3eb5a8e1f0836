package org.aerolux.enhancement;

import java.util.OptionalDouble;
import org.aerolux.core.raster.RasterInfo;

/**
 * One band's missing-value rule: NaN and infinities are always missing; so is the declared nodata value, compared
 * in float32 (the precision samples are read in, and the precision of float32 rasters, whose nodata text such as
 * "0.1" is not a float exactly).
 */
record Nodata(boolean declared, double value) {
    static Nodata of(RasterInfo info, int band) {
        OptionalDouble nd = info.nodata().get(band);
        return nd.isPresent() ? new Nodata(true, nd.getAsDouble()) : new Nodata(false, Double.NaN);
    }

    boolean isMissing(float v) {
        return Float.isNaN(v) || Float.isInfinite(v) || declared && v == (float) value;
    }

    boolean isMissing(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) || declared && (v == value || (float) v == (float) value);
    }
}
