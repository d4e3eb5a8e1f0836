package org.aerolux.enhancement;

/**
 * Full-reference image quality: PSNR and SSIM of a test image against a reference, both given as planar
 * channels {@code [c][y * width + x]} on a common scale whose full range is {@code dataRange}.
 *
 * <ul>
 *   <li>PSNR = 10 log10(dataRange² / MSE), the MSE over every sample of every channel; +Infinity for identical
 *       images.</li>
 *   <li>SSIM as Wang, Bovik, Sheikh and Simoncelli (IEEE TIP 2004) define it: local means, variances and covariance
 *       under an 11x11 Gaussian window of sigma 1.5 (normalised; population, not sample, covariance), C1 = (0.01 L)²,
 *       C2 = (0.03 L)², the SSIM map averaged over the pixels whose window lies inside the image (5 pixels from
 *       every border), and colour images as the mean over channels. These are scikit-image's
 *       {@code structural_similarity} settings for matching Wang et al.; the tests compare with its values.</li>
 * </ul>
 * All arithmetic is in double.
 */
public final class ImageQuality {
    /** SSIM's Gaussian window: sigma and radius (11 taps, truncated at 3.5 sigma as in the reference code). */
    public static final double SIGMA = 1.5;
    public static final int RADIUS = 5;
    public static final double K1 = 0.01, K2 = 0.03;

    private ImageQuality() {}

    /** Both scores. */
    public record Scores(double psnr, double ssim) {}

    public static Scores scores(float[][] reference, float[][] test, int width, int height, double dataRange) {
        return new Scores(psnr(reference, test, dataRange), ssim(reference, test, width, height, dataRange));
    }

    /** Peak signal-to-noise ratio in dB. */
    public static double psnr(float[][] reference, float[][] test, double dataRange) {
        check(reference, test);
        double sum = 0;
        long n = 0;
        for (int c = 0; c < reference.length; c++) {
            float[] a = reference[c], b = test[c];
            for (int i = 0; i < a.length; i++) {
                double d = (double) a[i] - b[i];
                sum += d * d;
            }
            n += a.length;
        }
        double mse = sum / n;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(dataRange * dataRange / mse);
    }

    /**
     * Mean structural similarity.
     *
     * @throws IllegalArgumentException when the image is smaller than the 11x11 window
     */
    public static double ssim(float[][] reference, float[][] test, int width, int height, double dataRange) {
        check(reference, test);
        int win = 2 * RADIUS + 1;
        if (width < win || height < win)
            throw new IllegalArgumentException("SSIM needs at least " + win + "x" + win + " pixels, got " + width + "x" + height);
        double sum = 0;
        for (int c = 0; c < reference.length; c++) sum += ssimChannel(reference[c], test[c], width, height, dataRange);
        return sum / reference.length;
    }

    private static double ssimChannel(float[] x, float[] y, int w, int h, double range) {
        double[] g = kernel();
        int n = w * h;
        double[] xx = new double[n], yy = new double[n], xy = new double[n], xd = new double[n], yd = new double[n];
        for (int i = 0; i < n; i++) {
            xd[i] = x[i];
            yd[i] = y[i];
            xx[i] = xd[i] * xd[i];
            yy[i] = yd[i] * yd[i];
            xy[i] = xd[i] * yd[i];
        }
        // "valid" filtering: only centres whose window lies inside the image are needed (the rest is cropped away)
        int ow = w - 2 * RADIUS, oh = h - 2 * RADIUS;
        double[] mx = valid(xd, w, h, g), my = valid(yd, w, h, g), mxx = valid(xx, w, h, g), myy = valid(yy, w, h, g),
                mxy = valid(xy, w, h, g);
        double c1 = K1 * range * K1 * range, c2 = K2 * range * K2 * range;
        double total = 0;
        for (int i = 0; i < ow * oh; i++) {
            double ux = mx[i], uy = my[i];
            double vx = mxx[i] - ux * ux, vy = myy[i] - uy * uy, vxy = mxy[i] - ux * uy;
            total += (2 * ux * uy + c1) * (2 * vxy + c2) / ((ux * ux + uy * uy + c1) * (vx + vy + c2));
        }
        return total / (ow * oh);
    }

    /** Separable Gaussian filter evaluated at the (w - 2r) x (h - 2r) centres whose window fits. */
    private static double[] valid(double[] img, int w, int h, double[] g) {
        int ow = w - 2 * RADIUS, oh = h - 2 * RADIUS;
        double[] rows = new double[ow * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int k = 0; k < g.length; k++) s += g[k] * img[y * w + x + k];
                rows[y * ow + x] = s;
            }
        double[] out = new double[ow * oh];
        for (int y = 0; y < oh; y++)
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int k = 0; k < g.length; k++) s += g[k] * rows[(y + k) * ow + x];
                out[y * ow + x] = s;
            }
        return out;
    }

    private static double[] kernel() {
        double[] g = new double[2 * RADIUS + 1];
        double sum = 0;
        for (int i = -RADIUS; i <= RADIUS; i++) sum += g[i + RADIUS] = Math.exp(-0.5 * i * i / (SIGMA * SIGMA));
        for (int i = 0; i < g.length; i++) g[i] /= sum;
        return g;
    }

    private static void check(float[][] a, float[][] b) {
        if (a.length == 0 || a.length != b.length) throw new IllegalArgumentException("images need the same channels");
        for (int c = 0; c < a.length; c++)
            if (a[c].length != b[c].length || a[c].length != a[0].length) throw new IllegalArgumentException("images differ in size");
    }
}
