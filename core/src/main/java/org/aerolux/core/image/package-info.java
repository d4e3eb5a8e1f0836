/**
 * Rasters without GeoTools: in-memory rasters over ImgLib2 images (for tests and the Fiji front end), and plain
 * photographs: {@link org.aerolux.core.image.PlainImageSource} reads 8/16-bit PNG and JPEG through javax.imageio,
 * {@link org.aerolux.core.image.PngRasterSink} writes 8/16-bit PNG atomically.
 */
package org.aerolux.core.image;
