package org.aerolux.core.resample;

import java.util.ArrayDeque;
import java.util.Deque;
import org.aerolux.core.pipeline.BlockConsumer;
import org.aerolux.core.pipeline.OutputBlock;

/**
 * Maps a run's output rows on the model grid back onto the input's exact grid, by bilinear interpolation
 * ({@link AxisKernel#bilinear}: between the model pixels whose centres surround the input pixel's centre, edge
 * pixels repeated), and hands input-grid rows to {@code downstream}, in order. Interpolating probabilities keeps
 * them probabilities (a convex combination of distributions is one).
 *
 * <p>Streaming: it keeps only the model rows the next input rows need (those of the last block and the row before)
 * and emits input rows in blocks of at most about {@value #MAX_BLOCK_VALUES} values, so memory does not grow with
 * the factor. Nodata: model pixels that are nodata do not contribute (the others are renormalised); an input pixel
 * is nodata when no neighbour holds data or the {@link InputMask} (if any) says so.
 */
public final class GridBackMapper implements BlockConsumer {
    /** Largest number of floats per emitted block (more only when one row is wider). */
    public static final int MAX_BLOCK_VALUES = 1 << 22;

    private final ResampleGrid grid;
    private final int channels;
    private final BlockConsumer downstream;
    private final InputMask mask;
    private final AxisKernel xk, yk;
    private final Deque<ModelRow> rows = new ArrayDeque<>();
    private final int rowsPerBlock;
    private int received; // model rows received so far
    private int next;     // next input row to emit

    private record ModelRow(int index, float[] values, byte[] valid) {}

    /** @param mask which input pixels hold data; null when all do */
    public GridBackMapper(ResampleGrid grid, int channels, BlockConsumer downstream, InputMask mask) {
        this.grid = grid;
        this.channels = channels;
        this.downstream = downstream;
        this.mask = mask;
        this.xk = AxisKernel.bilinear(grid.modelWidth(), grid.inputWidth(), 0, grid.inputWidth());
        this.yk = AxisKernel.bilinear(grid.modelHeight(), grid.inputHeight(), 0, grid.inputHeight());
        this.rowsPerBlock = (int) Math.max(1, MAX_BLOCK_VALUES / ((long) grid.inputWidth() * channels));
    }

    @Override
    public void accept(OutputBlock block) {
        if (block.minY() != received || block.width() != grid.modelWidth() || block.channels() != channels)
            throw new IllegalStateException("expected model rows from " + received + " of width " + grid.modelWidth() + ", got "
                    + block.minY() + " of width " + block.width());
        int w = block.width(), plane = w * block.height();
        for (int y = 0; y < block.height(); y++) {
            float[] v = new float[channels * w];
            for (int c = 0; c < channels; c++) System.arraycopy(block.data(), c * plane + y * w, v, c * w, w);
            byte[] ok = java.util.Arrays.copyOfRange(block.valid(), y * w, (y + 1) * w);
            rows.addLast(new ModelRow(received++, v, ok));
        }
        emitReady();
    }

    /** Emits every input row whose model rows have all arrived, then drops the model rows no later input row needs. */
    private void emitReady() {
        int end = next;
        while (end < grid.inputHeight() && yk.start(end) + yk.length(end) <= received) end++;
        while (next < end) {
            int n = Math.min(rowsPerBlock, end - next);
            emit(next, n);
            next += n;
        }
        int keepFrom = next < grid.inputHeight() ? yk.start(next) : Integer.MAX_VALUE;
        while (!rows.isEmpty() && rows.peekFirst().index() < keepFrom) rows.removeFirst();
    }

    private ModelRow row(int index) {
        for (ModelRow r : rows) if (r.index() == index) return r;
        throw new IllegalStateException("model row " + index + " is no longer held");
    }

    private void emit(int y0, int n) {
        int w = grid.inputWidth(), plane = w * n;
        float[] data = new float[plane * channels];
        byte[] valid = mask == null ? null : mask.rows(y0, n);
        if (valid == null) {
            valid = new byte[plane];
            java.util.Arrays.fill(valid, (byte) 1);
        }
        double[] acc = new double[channels];
        for (int j = 0; j < n; j++) {
            int y = y0 + j, ys = yk.start(y), yl = yk.length(y);
            ModelRow[] src = new ModelRow[yl];
            for (int i = 0; i < yl; i++) src[i] = row(ys + i);
            for (int x = 0; x < w; x++) {
                int o = j * w + x;
                if (valid[o] == 0) {
                    for (int c = 0; c < channels; c++) data[c * plane + o] = Float.NaN;
                    continue;
                }
                java.util.Arrays.fill(acc, 0);
                double ws = 0;
                int xs = xk.start(x), xl = xk.length(x);
                for (int i = 0; i < yl; i++) {
                    double wy = yk.weight(y, i);
                    ModelRow r = src[i];
                    for (int k = 0; k < xl; k++) {
                        int m = xs + k;
                        if (r.valid()[m] == 0) continue;
                        double wt = wy * xk.weight(x, k);
                        ws += wt;
                        for (int c = 0; c < channels; c++) acc[c] += wt * r.values()[c * grid.modelWidth() + m];
                    }
                }
                if (ws > 0) {
                    for (int c = 0; c < channels; c++) data[c * plane + o] = (float) (acc[c] / ws);
                } else {
                    valid[o] = 0;
                    for (int c = 0; c < channels; c++) data[c * plane + o] = Float.NaN;
                }
            }
        }
        downstream.accept(new OutputBlock(y0, w, n, channels, data, valid));
    }

    @Override
    public void finish() {
        if (received != grid.modelHeight())
            throw new IllegalStateException("got " + received + " of " + grid.modelHeight() + " model rows");
        emitReady();
        if (next != grid.inputHeight()) throw new IllegalStateException("emitted " + next + " of " + grid.inputHeight() + " rows");
        downstream.finish();
    }

    @Override
    public void close() { downstream.close(); }
}
