package org.aerolux.core.pipeline;

/**
 * Receives a run's finished output rows, top to bottom ({@link OutputBlock}s never overlap and cover the image).
 * The pipeline calls {@link #finish()} after the last block of a successful run and {@link #close()} always;
 * {@code close()} without {@code finish()} (failure or cancel) must discard partial outputs.
 * See {@link BlockConsumers} for sinks, fan-out and per-pixel transforms.
 */
public interface BlockConsumer extends AutoCloseable {
    void accept(OutputBlock block);

    /** Every row has been delivered: make the outputs final (e.g. commit files). */
    default void finish() {}

    /** Releases resources; without a prior {@link #finish()}, removes partial outputs. */
    @Override
    default void close() {}
}
