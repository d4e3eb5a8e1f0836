package org.aerolux.enhancement;

import java.nio.file.Path;
import java.util.SplittableRandom;
import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.aerolux.core.image.PlainImageSource;

/**
 * Low/normal-light pairs for tests, made like cue-demo's training pairs (models/cue-demo.md) but in Java and
 * from seeded draws: a crop y of a photograph in [0, 1], and
 * {@code x = clip(Poisson(peak * s * y^g) / peak + N(0, sigma^2), 0, 1)} quantised to 8 bits, with g ~ U(1.4, 2.6),
 * s ~ U(0.06, 0.30), peak ~ U(60, 600), sigma ~ U(0.002, 0.015). Poisson draws are exact (Knuth) below a mean of
 * 30 and normal with the same mean and variance above (indistinguishable after 8-bit quantisation).
 */
final class LowLightPairs {
    private LowLightPairs() {}

    /** A pair: planar channels [c][y * size + x] in [0, 1]; the low-light image is on the 8-bit grid. */
    record Pair(String name, int size, float[][] normal, float[][] low) {}

    /** The crop at (x0, y0) of a photo (its colour bands, or its one grey band), degraded with the seeded draws. */
    static Pair make(Path photo, int x0, int y0, int size, long seed) {
        float[][] y;
        try (PlainImageSource src = PlainImageSource.open(photo)) {
            int channels = src.info().bandCount() >= 3 ? 3 : 1;
            int[] bands = channels == 3 ? new int[] {0, 1, 2} : new int[] {0};
            RandomAccessibleInterval<FloatType> crop = src.read(
                    new FinalInterval(new long[] {x0, y0}, new long[] {x0 + size - 1, y0 + size - 1}), bands);
            y = new float[channels][size * size];
            var c = Views.flatIterable(crop).cursor();
            for (int k = 0; k < channels; k++) for (int i = 0; i < size * size; i++) y[k][i] = c.next().get() / 255f;
        }
        SplittableRandom r = new SplittableRandom(seed);
        double g = 1.4 + 1.2 * r.nextDouble(), s = 0.06 + 0.24 * r.nextDouble(), peak = 60 + 540 * r.nextDouble(),
                sigma = 0.002 + 0.013 * r.nextDouble();
        float[][] x = new float[y.length][size * size];
        for (int k = 0; k < y.length; k++)
            for (int i = 0; i < size * size; i++) {
                double v = poisson(peak * s * Math.pow(y[k][i], g), r) / peak + sigma * gaussian(r);
                x[k][i] = Math.round(Math.max(0, Math.min(1, v)) * 255) / 255f;
            }
        return new Pair(photo.getFileName() + "@" + x0 + "," + y0, size, y, x);
    }

    static int poisson(double mean, SplittableRandom r) {
        if (mean < 30) {
            double limit = Math.exp(-mean), p = 1;
            int k = -1;
            do {
                k++;
                p *= r.nextDouble();
            } while (p > limit);
            return k;
        }
        return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(r)));
    }

    static double gaussian(SplittableRandom r) {
        double u1 = 1 - r.nextDouble(), u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
