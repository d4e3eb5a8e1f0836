/**
 * Where tiles go ({@link org.aerolux.core.tile.HaloTiler}, {@link org.aerolux.core.tile.TileGrid}) and how their
 * outputs are merged ({@link org.aerolux.core.tile.Blender}: center, cosine, gaussian).
 */
package org.aerolux.core.tile;
