package org.aerolux.calibration;

/** Test helpers: class-major blocks from per-pixel rows of probabilities. */
final class Blocks {
    private Blocks() {}

    /** rows[i] = probabilities (or logits) of pixel i; returns the class-major array. */
    static float[] classMajor(double[][] rows) {
        int n = rows.length, c = rows[0].length;
        float[] out = new float[c * n];
        for (int i = 0; i < n; i++) for (int k = 0; k < c; k++) out[k * n + i] = (float) rows[i][k];
        return out;
    }

    static PixelBlock probabilities(double[][] rows, int... labels) {
        return PixelBlock.ofProbabilities(classMajor(rows), rows[0].length, labels);
    }

    static ImageCalibration evaluate(PixelBlock block, CalibrationOptions options) {
        ImageCalibrationAccumulator acc = new ImageCalibrationAccumulator(block.numClasses(), options);
        acc.accept(block);
        return acc.finish("test");
    }

    static CalibrationOptions all() {
        return CalibrationOptions.defaults();
    }

    static CalibrationOptions foreground() {
        return CalibrationOptions.builder().foregroundOnly(true).build();
    }

    /** Pixels [from, to) of a class-major block as a new block. */
    static PixelBlock slice(PixelBlock b, int from, int to) {
        int n = to - from, c = b.numClasses();
        float[] s = new float[c * n];
        for (int k = 0; k < c; k++) System.arraycopy(b.scores(), k * b.size() + from, s, k * n, n);
        int[] l = java.util.Arrays.copyOfRange(b.labels(), from, to);
        boolean[] v = b.valid() == null ? null : java.util.Arrays.copyOfRange(b.valid(), from, to);
        return new PixelBlock(s, b.kind(), c, n, l, v);
    }
}
