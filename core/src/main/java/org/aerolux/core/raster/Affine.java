package org.aerolux.core.raster;

/**
 * Grid-to-CRS affine transform in GDAL geotransform order, for pixel corners (PixelIsArea):
 * {@code x = originX + col * pixelWidth + row * rowRotation},
 * {@code y = originY + col * columnRotation + row * pixelHeight}.
 */
public record Affine(double originX, double pixelWidth, double rowRotation,
                     double originY, double columnRotation, double pixelHeight) {

    /** The identity grid (pixel = world), used for images without georeferencing. */
    public static final Affine IDENTITY = new Affine(0, 1, 0, 0, 0, 1);

    /** From the six GDAL geotransform numbers. */
    public static Affine fromGdal(double[] gt) {
        if (gt.length != 6) throw new IllegalArgumentException("a geotransform has 6 numbers, got " + gt.length);
        return new Affine(gt[0], gt[1], gt[2], gt[3], gt[4], gt[5]);
    }

    /** The six GDAL geotransform numbers. */
    public double[] toGdal() {
        return new double[] {originX, pixelWidth, rowRotation, originY, columnRotation, pixelHeight};
    }

    /** True when the grid is rotated or sheared. */
    public boolean isRotated() { return rowRotation != 0 || columnRotation != 0; }

    /** World x of a (fractional) pixel position. */
    public double x(double col, double row) { return originX + col * pixelWidth + row * rowRotation; }

    /** World y of a (fractional) pixel position. */
    public double y(double col, double row) { return originY + col * columnRotation + row * pixelHeight; }

    /** The transform of the sub-grid whose pixel (0,0) is this grid's pixel (col,row). */
    public Affine shifted(long col, long row) {
        return new Affine(x(col, row), pixelWidth, rowRotation, y(col, row), columnRotation, pixelHeight);
    }

    /** Area of one pixel in squared CRS units (absolute determinant). */
    public double pixelArea() { return Math.abs(pixelWidth * pixelHeight - rowRotation * columnRotation); }
}
