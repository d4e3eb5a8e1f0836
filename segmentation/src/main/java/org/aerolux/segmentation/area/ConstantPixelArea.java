package org.aerolux.segmentation.area;

/** Every pixel has the same area (a projected CRS), or none is known (NaN). */
record ConstantPixelArea(double areaM2, String description) implements PixelAreaModel {

    static ConstantPixelArea unknown(String reason) {
        return new ConstantPixelArea(Double.NaN, "area unknown: " + reason);
    }

    @Override public double pixelAreaM2(int col, int row) { return areaM2; }

    @Override public boolean isUniform() { return true; }

    @Override public double runAreaM2(int col0, int col1, int row) { return (col1 - col0) * areaM2; }
}
