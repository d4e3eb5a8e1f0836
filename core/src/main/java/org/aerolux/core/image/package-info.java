/** In-memory rasters over ImgLib2 images (for tests and the Fiji front end); no GeoTools here. */
package org.aerolux.core.image;
