package org.aerolux.bench;

import org.aerolux.core.pipeline.BlockConsumer;
import org.aerolux.core.pipeline.OutputBlock;

/** Consumes output rows by folding them into a checksum (stands in for a file sink in benchmarks). */
public final class ChecksumConsumer implements BlockConsumer {
    private final long height;
    private long rows;
    private double sum;
    private boolean finished;

    public ChecksumConsumer(long height) { this.height = height; }

    @Override
    public void accept(OutputBlock block) {
        if (block.minY() != rows) throw new IllegalStateException("rows out of order");
        float[] d = block.data();
        double s = 0;
        for (float v : d) s += v;
        sum += s;
        rows += block.height();
    }

    @Override
    public void finish() {
        if (rows != height) throw new IllegalStateException("only " + rows + " of " + height + " rows");
        finished = true;
    }

    public double checksum() { return sum; }

    public boolean finished() { return finished; }
}
