/**
 * The streaming tiled run: {@link org.aerolux.core.pipeline.TiledPipeline} reads any
 * {@link org.aerolux.core.raster.RasterSource}, runs a {@link org.aerolux.core.model.Model} tile by tile and hands
 * finished rows ({@link org.aerolux.core.pipeline.OutputBlock}) to a {@link org.aerolux.core.pipeline.BlockConsumer};
 * {@link org.aerolux.core.pipeline.BlockConsumers} routes them to sinks.
 *
 * <p>Threads: the tile reader and the output writer ({@link org.aerolux.core.pipeline.AsyncBlockConsumer}) hand any
 * throwable of theirs to the thread that runs the pipeline, which ends the run at once (and never waits on a thread
 * that died); {@link org.aerolux.core.pipeline.FaultInjection} is the test hook that makes each of them fail.
 */
package org.aerolux.core.pipeline;
