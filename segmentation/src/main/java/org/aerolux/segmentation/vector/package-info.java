/**
 * Label images to polygons.
 *
 * <p>{@link org.aerolux.segmentation.vector.LabelPolygonizer} streams rows into 4-connected objects outlined in
 * pixel coordinates ({@link org.aerolux.segmentation.vector.PixelObject}), emitting each as soon as it is complete;
 * {@link org.aerolux.segmentation.vector.ObjectVectorizer} puts them on the Earth and writes RFC 7946 GeoJSON
 * atomically. Rules: pixels connect through sides only; a corner where an object meets itself diagonally keeps the
 * object joined and its holes apart, so every polygon is valid (JTS) with holes that may touch the shell or each
 * other at single points.
 */
package org.aerolux.segmentation.vector;
