package org.aerolux.core.pipeline;

import java.util.List;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.type.numeric.real.FloatType;
import org.aerolux.core.raster.RasterSink;

/** Building blocks to route a run's output into sinks. */
public final class BlockConsumers {
    private BlockConsumers() {}

    /**
     * Writes each block's channels into a {@link RasterSink} (one band per channel), with nodata pixels written
     * as {@code nodataValue}; {@code finish} commits the sink, {@code close} closes it (removing a partial file).
     */
    public static BlockConsumer toSink(RasterSink sink, float nodataValue) {
        return new BlockConsumer() {
            private boolean finished;

            @Override
            public void accept(OutputBlock block) {
                RandomAccessibleInterval<FloatType> view = block.channelsView();
                if (!Float.isNaN(nodataValue)) {
                    // masked pixels are NaN in the block; write the sink's nodata there instead
                    view = Converters.convert(view, (in, out) -> {
                        float v = in.get();
                        out.set(Float.isNaN(v) ? nodataValue : v);
                    }, new FloatType());
                }
                sink.write(view);
            }

            @Override
            public void finish() {
                sink.commit();
                finished = true;
            }

            @Override
            public void close() {
                sink.close();
            }

            @Override
            public String toString() { return "sink" + (finished ? " (committed)" : ""); }
        };
    }

    /** Sends every block to each consumer in turn; finishes and closes them all. */
    public static BlockConsumer tee(BlockConsumer... consumers) {
        List<BlockConsumer> all = List.of(consumers);
        return new BlockConsumer() {
            @Override
            public void accept(OutputBlock block) {
                for (BlockConsumer c : all) c.accept(block);
            }

            @Override
            public void finish() {
                for (BlockConsumer c : all) c.finish();
            }

            @Override
            public void close() {
                RuntimeException first = null;
                for (BlockConsumer c : all) {
                    try {
                        c.close();
                    } catch (RuntimeException e) {
                        if (first == null) first = e;
                        else first.addSuppressed(e);
                    }
                }
                if (first != null) throw first;
            }
        };
    }

    /** Computes {@code outChannels} per pixel with {@code fn} (nodata stays nodata) and passes the result on. */
    public static BlockConsumer perPixel(int outChannels, PixelFunction fn, BlockConsumer downstream) {
        return new BlockConsumer() {
            @Override
            public void accept(OutputBlock block) { downstream.accept(block.map(outChannels, fn)); }

            @Override
            public void finish() { downstream.finish(); }

            @Override
            public void close() { downstream.close(); }
        };
    }
}
