package org.aerolux.core.raster;

/** Pixel data types AeroLux reads and writes. */
public enum DataType {
    UINT8(8, false, false), INT8(8, true, false), UINT16(16, false, false), INT16(16, true, false),
    UINT32(32, false, false), INT32(32, true, false), FLOAT32(32, true, true), FLOAT64(64, true, true);

    private final int bits;
    private final boolean signed;
    private final boolean floating;

    DataType(int bits, boolean signed, boolean floating) {
        this.bits = bits;
        this.signed = signed;
        this.floating = floating;
    }

    public int bits() { return bits; }

    public int bytes() { return bits / 8; }

    public boolean isSigned() { return signed; }

    public boolean isFloating() { return floating; }

    /** Smallest representable value (for integer types). */
    public double min() {
        if (floating) return -Double.MAX_VALUE;
        return signed ? -Math.pow(2, bits - 1) : 0;
    }

    /** Largest representable value (for integer types). */
    public double max() {
        if (floating) return Double.MAX_VALUE;
        return signed ? Math.pow(2, bits - 1) - 1 : Math.pow(2, bits) - 1;
    }

    /**
     * True when a sample of this type can have the value exactly: integers in range for integer types; for float32
     * NaN, the infinities and values float32 keeps exactly; for float64 every value. A nodata value the type
     * cannot hold matches no pixel (GDAL keeps such values, e.g. -1 on Byte, as metadata).
     */
    public boolean holds(double v) {
        return switch (this) {
            case FLOAT64 -> true;
            case FLOAT32 -> Double.isNaN(v) || (double) (float) v == v;
            default -> v == Math.rint(v) && v >= min() && v <= max();
        };
    }

    /** The name GDAL uses for this type (Byte, UInt16, Int16, Float32, ...). */
    public String gdalName() {
        return switch (this) {
            case UINT8 -> "Byte";
            case INT8 -> "Int8";
            case UINT16 -> "UInt16";
            case INT16 -> "Int16";
            case UINT32 -> "UInt32";
            case INT32 -> "Int32";
            case FLOAT32 -> "Float32";
            case FLOAT64 -> "Float64";
        };
    }
}
