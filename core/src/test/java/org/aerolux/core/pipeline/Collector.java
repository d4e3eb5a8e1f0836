package org.aerolux.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Assembles a run's blocks into whole arrays, checking they arrive in order and full width. */
final class Collector implements BlockConsumer {
    final float[][][] values; // [c][y][x]
    final boolean[][] valid;
    long nextRow;
    int blocks;
    boolean finished, closed;

    Collector(int channels, int width, int height) {
        values = new float[channels][height][width];
        valid = new boolean[height][width];
    }

    @Override
    public void accept(OutputBlock b) {
        assertEquals(nextRow, b.minY(), "blocks arrive top to bottom without gaps");
        assertEquals(valid[0].length, b.width());
        assertEquals(values.length, b.channels());
        for (int y = 0; y < b.height(); y++)
            for (int x = 0; x < b.width(); x++) {
                valid[(int) b.minY() + y][x] = b.isValid(x, y);
                for (int c = 0; c < b.channels(); c++) values[c][(int) b.minY() + y][x] = b.get(c, x, y);
            }
        nextRow += b.height();
        blocks++;
    }

    @Override
    public void finish() {
        assertEquals(valid.length, nextRow, "every row delivered before finish");
        finished = true;
    }

    @Override
    public void close() { closed = true; }
}
