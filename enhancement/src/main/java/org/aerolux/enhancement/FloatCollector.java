package org.aerolux.enhancement;

import org.aerolux.core.pipeline.BlockConsumer;
import org.aerolux.core.pipeline.OutputBlock;

/** Keeps a run's output in memory: channels planar [c][y * width + x], NaN at nodata. For probes and tests. */
final class FloatCollector implements BlockConsumer {
    final int width, height, channels;
    final float[][] data;

    FloatCollector(int width, int height, int channels) {
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.data = new float[channels][width * height];
    }

    @Override
    public void accept(OutputBlock block) {
        int plane = block.width() * block.height();
        for (int c = 0; c < channels; c++)
            System.arraycopy(block.data(), c * plane, data[c], (int) block.minY() * width, plane);
    }
}
