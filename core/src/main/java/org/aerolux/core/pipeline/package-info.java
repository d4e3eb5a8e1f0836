/**
 * The streaming tiled run: {@link org.aerolux.core.pipeline.TiledPipeline} reads any
 * {@link org.aerolux.core.raster.RasterSource}, runs a {@link org.aerolux.core.model.Model} tile by tile and hands
 * finished rows ({@link org.aerolux.core.pipeline.OutputBlock}) to a {@link org.aerolux.core.pipeline.BlockConsumer};
 * {@link org.aerolux.core.pipeline.BlockConsumers} routes them to sinks.
 */
package org.aerolux.core.pipeline;
