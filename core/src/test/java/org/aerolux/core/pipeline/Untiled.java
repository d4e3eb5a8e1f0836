package org.aerolux.core.pipeline;

import org.aerolux.core.model.Model;
import org.aerolux.core.model.NchwTensor;
import org.aerolux.core.tile.TileGrid;

/**
 * The untiled reference, written independently of the tiler: the whole image, normalised, mirror-extended
 * ("reflect") by overlap/2 before and the rest after, reflect-padded at the right and bottom up to the size
 * multiple, run in one model call, cropped back.
 */
final class Untiled {
    private Untiled() {}

    /** {@code image[b][y][x]} raw values; returns {@code out[c][y][x]}. */
    static float[][][] run(Model model, float[][][] image, Normalisation norm, TileGrid grid) {
        int bands = image.length, h = image[0].length, w = image[0][0].length;
        int before = grid.overlap() / 2, after = grid.overlap() - before;
        int pw = (int) grid.roundUp(w + before + after), ph = (int) grid.roundUp(h + before + after);
        float[] in = new float[bands * ph * pw];
        for (int b = 0; b < bands; b++)
            for (int y = 0; y < ph; y++)
                for (int x = 0; x < pw; x++)
                    in[(b * ph + y) * pw + x] = norm.apply(image[b][reflect(y - before, h)][reflect(x - before, w)], b);
        NchwTensor out = model.run(new NchwTensor(in, 1, bands, ph, pw));
        float[][][] result = new float[out.c()][h][w];
        for (int c = 0; c < out.c(); c++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) result[c][y][x] = out.data()[out.index(0, c, y + before, x + before)];
        return result;
    }

    /** numpy/torch "reflect" (edge not repeated), any distance. */
    static int reflect(int i, int n) {
        if (n == 1) return 0;
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }
}
