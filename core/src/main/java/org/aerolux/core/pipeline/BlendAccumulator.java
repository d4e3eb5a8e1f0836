package org.aerolux.core.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aerolux.core.UsageException;
import org.aerolux.core.model.NchwTensor;
import org.aerolux.core.tile.AxisTile;
import org.aerolux.core.tile.AxisWeights;
import org.aerolux.core.tile.Tile;
import org.aerolux.core.tile.TileLayout;

/**
 * Blends tile outputs into full-width rows and hands finished rows on. Sums of weight x value and of weights are
 * kept in double, in a ring of one tile height of rows; each output value is {@code (float) (sum / weightSum)},
 * so a pixel whose tiles all produced the same float gets exactly that float back.
 */
final class BlendAccumulator {
    private final TileLayout layout;
    private final List<AxisWeights> xWeights, yWeights;
    private final int width, channels, ring, maxBlockRows;
    private final double[][] sums;
    private final double[] weights;
    private final Map<Long, byte[]> masksByCoreStart = new HashMap<>();
    private double[] rowWeights = new double[0];
    private long emittedUpTo; // rows < emittedUpTo have been delivered
    private int currentRow = -1;
    long validPixels, nodataPixels;

    BlendAccumulator(TileLayout layout, List<AxisWeights> xWeights, List<AxisWeights> yWeights, int channels) {
        this(layout, xWeights, yWeights, channels, Integer.MAX_VALUE);
    }

    /** @param maxBlockRows the most rows one delivered block holds (finished rows go out in blocks of at most this) */
    BlendAccumulator(TileLayout layout, List<AxisWeights> xWeights, List<AxisWeights> yWeights, int channels, int maxBlockRows) {
        if (maxBlockRows < 1) throw new IllegalArgumentException("maxBlockRows must be at least 1");
        this.maxBlockRows = maxBlockRows;
        this.layout = layout;
        this.xWeights = xWeights;
        this.yWeights = yWeights;
        this.width = (int) layout.width();
        this.channels = channels;
        this.ring = layout.tileHeight();
        long cells = (long) ring * width;
        if (cells * (channels + 1) > Integer.MAX_VALUE - 8L * (channels + 1))
            throw new UsageException(null, "rows of " + width + " pixels are too wide to blend " + ring
                    + " rows at once; use a smaller --tile");
        this.sums = new double[channels][(int) cells];
        this.weights = new double[(int) cells];
    }

    /** The data mask of the core rows of a tile row, as the reader found it. */
    void addMask(TileBatch.RowMask mask) { masksByCoreStart.put(mask.coreY0(), mask.valid()); }

    /**
     * Called before the first tile (run or skipped) of each tile row, in order: delivers the rows no later tile
     * can touch.
     */
    void startRow(int row, BlockConsumer consumer, TimeCounter write) {
        if (row == currentRow) return;
        currentRow = row;
        flushUpTo(yWeights.get(row).supportStart(), consumer, write);
    }

    /** Adds one tile's output (image {@code index} of {@code out}). */
    void add(Tile tile, NchwTensor out, int index) {
        AxisWeights xw = xWeights.get(tile.col()), yw = yWeights.get(tile.row());
        long wx0 = tile.window().min(0), wy0 = tile.window().min(1);
        int tw = tile.width(), th = tile.height();
        int x0 = (int) xw.supportStart(), x1 = (int) xw.supportEnd();
        double[] wxs = xw.weights(), wys = yw.weights();
        float[] data = out.data();
        int n = x1 - x0, dx = (int) (x0 - wx0);
        double[] w = rowWeights.length >= n ? rowWeights : (rowWeights = new double[n]);
        for (long y = yw.supportStart(); y < yw.supportEnd(); y++) {
            int ty = (int) (y - wy0);
            double wy = wys[ty];
            int base = ringRow(y) * width + x0;
            for (int i = 0; i < n; i++) {
                w[i] = wy * wxs[dx + i];
                weights[base + i] += w[i];
            }
            for (int c = 0; c < channels; c++) {
                double[] sum = sums[c];
                int src = out.index(index, c, ty, dx);
                for (int i = 0; i < n; i++) sum[base + i] += w[i] * data[src + i];
            }
        }
        if (th != out.h() || tw != out.w()) throw new IllegalStateException("tile and output sizes differ");
    }

    /** Delivers every remaining row. */
    void finish(BlockConsumer consumer, TimeCounter write) { flushUpTo(layout.height(), consumer, write); }

    private int ringRow(long y) { return (int) (y % ring); }

    private void flushUpTo(long end, BlockConsumer consumer, TimeCounter write) {
        if (emittedUpTo >= end) return;
        for (long from = emittedUpTo; from < end; from += maxBlockRows) emit(from, Math.min(end, from + maxBlockRows), consumer, write);
        for (AxisTile r : layout.rows()) if (r.coreEnd() <= end) masksByCoreStart.remove(r.coreStart());
        emittedUpTo = end;
    }

    private void emit(long from, long to, BlockConsumer consumer, TimeCounter write) {
        int h = (int) (to - from);
        int plane = h * width;
        float[] data = new float[plane * channels];
        byte[] valid = new byte[plane];
        int rowIndex = 0;
        for (int y = 0; y < h; y++) {
            long imageRow = from + y;
            while (layout.rows().get(rowIndex).coreEnd() <= imageRow) rowIndex++;
            AxisTile owner = layout.rows().get(rowIndex);
            byte[] mask = masksByCoreStart.get(owner.coreStart());
            if (mask == null) throw new IllegalStateException("no data mask for row " + imageRow);
            int maskBase = (int) (imageRow - owner.coreStart()) * width;
            int base = ringRow(imageRow) * width;
            for (int x = 0; x < width; x++) {
                double w = weights[base + x];
                int o = y * width + x;
                boolean ok = mask[maskBase + x] != 0 && w > 0;
                valid[o] = (byte) (ok ? 1 : 0);
                for (int c = 0; c < channels; c++) data[c * plane + o] = ok ? (float) (sums[c][base + x] / w) : Float.NaN;
                if (ok) validPixels++;
                else nodataPixels++;
            }
            // the ring row is free again
            java.util.Arrays.fill(weights, base, base + width, 0);
            for (int c = 0; c < channels; c++) java.util.Arrays.fill(sums[c], base, base + width, 0);
        }
        long t0 = System.nanoTime();
        consumer.accept(new OutputBlock(from, width, h, channels, data, valid));
        write.add(System.nanoTime() - t0);
    }

    /** A nanosecond counter. */
    static final class TimeCounter {
        long nanos;

        void add(long n) { nanos += n; }
    }
}
