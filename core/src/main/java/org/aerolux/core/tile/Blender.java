package org.aerolux.core.tile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.aerolux.core.UsageException;

/**
 * How overlapping tile outputs are merged. Along each axis, neighbouring tiles meet at the boundary between
 * their cores; a blender cross-fades them over a ramp of {@code 2f} pixels centred on that boundary, where
 * {@code f = floor(room / 2)} and room is the halo on the narrower side (capped at half a core, so the two ramps
 * of a tile never overlap). So the outer half of every halo always
 * has weight 0 (those pixels see the tile edge and are not trusted), a tile's weight is exactly 1 away from the
 * ramps, and the ramps of two neighbours sum to 1 (a partition of unity; the pipeline still divides by the
 * weight sum, accumulating in double, so a pointwise model gives the untiled result exactly). 2D weights are the
 * product of the two axes.
 * <ul>
 *   <li>{@link #CENTER}: no ramp; each pixel comes from the tile whose core holds it.</li>
 *   <li>{@link #COSINE}: raised-cosine (Hann) ramp {@code sin^2(pi/2 * (t + 0.5) / 2f)}.</li>
 *   <li>{@link #GAUSSIAN}: Gaussian-CDF ramp, the ramp spanning +-3 sigma, rescaled to reach 0 and 1.</li>
 * </ul>
 * A model whose receptive-field radius r fits inside the untrusted margin ({@code r <= halo - f}, i.e. an overlap
 * of at least 2r+1 for center and about 4r for the feathered blends) gives the untiled result up to
 * floating-point rounding. Weighted blending of overlapping tiles follows raster-vision's and nnU-Net's ideas.
 */
public interface Blender {
    Blender CENTER = new Blender() {
        @Override
        public String name() { return "center"; }

        @Override
        public int featherHalfWidth(long room) { return 0; }

        @Override
        public double rampUp(int t, int width) { throw new IllegalStateException("center has no ramp"); }
    };

    Blender COSINE = new Blender() {
        @Override
        public String name() { return "cosine"; }

        @Override
        public double rampUp(int t, int width) {
            double s = Math.sin(0.5 * Math.PI * (t + 0.5) / width);
            return s * s;
        }
    };

    Blender GAUSSIAN = new Blender() {
        private static final double SIGMAS = 3.0;

        @Override
        public String name() { return "gaussian"; }

        @Override
        public double rampUp(int t, int width) {
            double x = ((t + 0.5) / width * 2 - 1) * SIGMAS; // -3..3 sigma across the ramp
            double lo = Erf.cdf(-SIGMAS), hi = Erf.cdf(SIGMAS);
            return (Erf.cdf(x) - lo) / (hi - lo);
        }
    };

    /** The name users type: center, cosine or gaussian. */
    String name();

    /** Weight of the tile after a boundary at ramp pixel {@code t} of {@code width}; in (0, 1), and
     * {@code rampUp(t) + rampUp(width - 1 - t) == 1}. */
    double rampUp(int t, int width);

    /** Half the ramp width for a boundary with {@code room} halo pixels on its narrower side. */
    default int featherHalfWidth(long room) { return (int) Math.max(0, room / 2); }

    /** Parses center, cosine or gaussian (case-insensitive); anything else is a usage error. */
    static Blender parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "center", "centre" -> CENTER;
            case "cosine", "hann" -> COSINE;
            case "gaussian" -> GAUSSIAN;
            default -> throw new UsageException(null, "--blend must be center, cosine or gaussian, got '" + name + "'");
        };
    }

    /** Weights of every tile of one axis of an image of the given extent. */
    default List<AxisWeights> weigh(List<AxisTile> axis, long extent) {
        int n = axis.size();
        int[] feather = new int[Math.max(0, n - 1)];
        for (int i = 0; i + 1 < n; i++) {
            long boundary = axis.get(i).coreEnd();
            long room = Math.min(boundary - axis.get(i + 1).start(), axis.get(i).end() - boundary);
            long cap = room; // a tile's two ramps must not overlap: each takes at most half of a two-sided core
            if (i > 0) cap = Math.min(cap, (axis.get(i).coreEnd() - axis.get(i).coreStart()) / 2);
            if (i + 2 < n) cap = Math.min(cap, (axis.get(i + 1).coreEnd() - axis.get(i + 1).coreStart()) / 2);
            feather[i] = (int) Math.min(cap, featherHalfWidth(room));
        }
        List<AxisWeights> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            AxisTile tile = axis.get(i);
            double[] w = new double[tile.size()];
            long supportStart = 0, supportEnd = extent;
            if (i > 0) supportStart = tile.coreStart() - feather[i - 1];
            if (i + 1 < n) supportEnd = tile.coreEnd() + feather[i];
            for (int k = 0; k < w.length; k++) {
                long p = tile.start() + k;
                if (p < supportStart || p >= supportEnd) continue;
                double v = 1;
                if (i > 0 && feather[i - 1] > 0 && p < tile.coreStart() + feather[i - 1]) {
                    int width = 2 * feather[i - 1];
                    v *= rampUp((int) (p - (tile.coreStart() - feather[i - 1])), width);
                }
                if (i + 1 < n && feather[i] > 0 && p >= tile.coreEnd() - feather[i]) {
                    int width = 2 * feather[i];
                    int t = (int) (p - (tile.coreEnd() - feather[i]));
                    v *= rampUp(width - 1 - t, width);
                }
                w[k] = v;
            }
            // pixels outside the image are never blended
            out.add(new AxisWeights(tile.start(), w, Math.max(0, supportStart), Math.min(extent, supportEnd)));
        }
        return out;
    }

    /** The error function, for the Gaussian ramp (Abramowitz and Stegun 7.1.26; |error| < 1.5e-7; odd). */
    final class Erf {
        private Erf() {}

        static double erf(double x) {
            double ax = Math.abs(x);
            double t = 1 / (1 + 0.3275911 * ax);
            double y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
                    * Math.exp(-ax * ax);
            return x < 0 ? -y : y;
        }

        static double cdf(double x) { return 0.5 * (1 + erf(x / Math.sqrt(2))); }
    }
}
