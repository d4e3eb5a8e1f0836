package org.aerolux.core.raster;

import java.awt.geom.AffineTransform;
import java.util.Arrays;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.api.referencing.operation.TransformException;
import org.geotools.referencing.CRS;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.geotools.referencing.operation.transform.AffineTransform2D;
import org.geotools.referencing.operation.transform.ConcatenatedTransform;

/** Builds {@link LonLatTransform}s with GeoTools reprojection. */
final class GeoTransforms {
    private GeoTransforms() {}

    static LonLatTransform crsToLonLat(CrsInfo crs) {
        return new Impl(toWgs84(crs));
    }

    static LonLatTransform pixelToLonLat(CrsInfo crs, Affine grid) {
        AffineTransform at = new AffineTransform(grid.pixelWidth(), grid.columnRotation(), grid.rowRotation(),
                grid.pixelHeight(), grid.originX(), grid.originY());
        MathTransform toWorld = new AffineTransform2D(at);
        return new Impl(ConcatenatedTransform.create(toWorld, toWgs84(crs)));
    }

    private static MathTransform toWgs84(CrsInfo info) {
        CoordinateReferenceSystem crs = GeoCrs.toGeoTools(info);
        try {
            return CRS.findMathTransform(crs, DefaultGeographicCRS.WGS84, true);
        } catch (FactoryException e) {
            throw new IllegalArgumentException("no transformation from " + info.label() + " to WGS 84: " + GeoCrs.firstLine(e), e);
        }
    }

    private record Impl(MathTransform mt) implements LonLatTransform {
        @Override
        public double[] apply(double x, double y) {
            double[] out = new double[2];
            apply(new double[] {x, y}, out, 1);
            return out;
        }

        @Override
        public void apply(double[] src, double[] dst, int count) {
            try {
                mt.transform(src, 0, dst, 0, count);
            } catch (TransformException e) {
                // transform point by point so that only the bad ones become NaN
                for (int i = 0; i < count; i++) {
                    try {
                        mt.transform(src, 2 * i, dst, 2 * i, 1);
                    } catch (TransformException ex) {
                        Arrays.fill(dst, 2 * i, 2 * i + 2, Double.NaN);
                    }
                }
            }
        }
    }
}
