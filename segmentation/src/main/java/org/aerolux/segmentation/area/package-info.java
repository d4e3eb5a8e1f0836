/**
 * Ground areas of pixels and of classes.
 *
 * <p>{@link org.aerolux.segmentation.area.PixelAreaModel} gives each pixel's area in m² from a georeference:
 * constant for projected CRSs (in the CRS's own units, converted to metres), geodesic on the CRS's ellipsoid for
 * geographic CRSs (GeographicLib), unknown (NaN) without a CRS. {@link org.aerolux.segmentation.area.ClassAreaTally}
 * streams a label image into pixels and areas per class; object areas in
 * {@link org.aerolux.segmentation.vector} are sums over the same model, so the two agree.
 * {@link org.aerolux.segmentation.area.GeodesicArea} measures longitude/latitude polygons.
 */
package org.aerolux.segmentation.area;
