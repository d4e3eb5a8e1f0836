/**
 * ImageJ images as AeroLux rasters and back, without copying pixels: {@link org.aerolux.plugins.image.ImagePixels}
 * (stack slices as ImgLib2 planes), {@link org.aerolux.plugins.image.ImageSources} and
 * {@link org.aerolux.plugins.image.ImageSink}, georeferencing kept in image properties
 * ({@link org.aerolux.plugins.image.ImageGeoreference}), GeoTIFF import and export.
 */
package org.aerolux.plugins.image;
