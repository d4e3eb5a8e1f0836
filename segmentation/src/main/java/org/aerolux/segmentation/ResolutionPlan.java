package org.aerolux.segmentation;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.aerolux.core.UsageException;
import org.aerolux.core.raster.GroundResolution;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.resample.ResampleGrid;

/**
 * Whether, and onto which grid, a segmentation run resamples its input so that the model sees the ground
 * resolution it was trained at.
 *
 * <p>The input GSD comes from the grid ({@link GroundResolution#of}: projected CRS, or geographic at the scene
 * centre), else from {@code --input-resolution}. The factors are input GSD / model GSD per axis (2 = the input's
 * pixels are twice as large as the model's, so the model grid has twice as many pixels along that axis). The run
 * resamples when the mode is {@link Resample#AUTO}, the card has a resolution (&gt; 0), the input GSD is known and a
 * factor differs from 1 by more than {@link #TOLERANCE} and none exceeds {@link #MAX_ENLARGE}; otherwise it runs on the input's pixels, exactly as
 * without this feature.
 *
 * @param mode      the option
 * @param input     the input GSD (unknown: NaN, with the reason)
 * @param modelGsd  the card's {@code aerolux.resolution_m}; 0 when the card has none
 * @param factorX   input GSD x / model GSD; NaN when either is unknown
 * @param factorY   input GSD y / model GSD; NaN when either is unknown
 * @param grid      the model grid, when resampling
 * @param reason    one line: why it resamples or not
 */
public record ResolutionPlan(Resample mode, GroundResolution input, double modelGsd, double factorX, double factorY,
                             Optional<ResampleGrid> grid, String reason) {
    /** Relative GSD difference up to which the input's pixels are used as they are. */
    public static final double TOLERANCE = 0.25;

    /**
     * Largest enlargement per side: an input whose pixels are more than this many times the model's is too coarse
     * for the model (enlarging costs the square of the factor in compute and adds no detail), so it is used as it
     * is, and the plan says so.
     */
    public static final double MAX_ENLARGE = 4;

    /** True when the model runs on a resampled grid. */
    public boolean resampled() { return grid.isPresent(); }

    /** input GSD / model GSD as one number (geometric mean of the axes); NaN when unknown. */
    public double factor() { return Math.sqrt(factorX * factorY); }

    /**
     * The plan for an input.
     *
     * @param inputResolution {@code --input-resolution}: used when the grid gives no GSD
     * @throws UsageException when the model grid would be too large to address
     */
    public static ResolutionPlan decide(Resample mode, OptionalDouble inputResolution, double modelGsd, RasterInfo info) {
        GroundResolution gsd = GroundResolution.of(info.georeference(), info.width(), info.height());
        if (!gsd.isKnown() && inputResolution.isPresent())
            gsd = GroundResolution.given(inputResolution.getAsDouble(), "--input-resolution (" + gsd.from() + ")");
        else if (gsd.isKnown() && inputResolution.isPresent())
            gsd = new GroundResolution(gsd.x(), gsd.y(), gsd.from() + "; --input-resolution ignored: the input is georeferenced");
        boolean modelKnown = modelGsd > 0 && Double.isFinite(modelGsd);
        double fx = gsd.isKnown() && modelKnown ? gsd.x() / modelGsd : Double.NaN;
        double fy = gsd.isKnown() && modelKnown ? gsd.y() / modelGsd : Double.NaN;
        String why;
        if (mode == Resample.OFF) why = "--resample off";
        else if (!modelKnown) why = "the model card gives no resolution (aerolux.resolution_m), so the input's pixels are used as they are";
        else if (!gsd.isKnown()) why = "the input's ground resolution is unknown (" + gsd.from() + "); give it with --input-resolution";
        else if (Math.abs(fx - 1) <= TOLERANCE && Math.abs(fy - 1) <= TOLERANCE)
            why = String.format(Locale.ROOT, "factor %s is within %.0f %% of 1", num(Math.sqrt(fx * fy)), TOLERANCE * 100);
        else if (fx > MAX_ENLARGE || fy > MAX_ENLARGE)
            why = String.format(Locale.ROOT, "input %s m is more than %s times coarser than the model's %s m; not enlarged"
                    + " (it would cost %s times the compute and add no detail), the input's pixels are used as they are",
                    num(gsd.mean()), num(MAX_ENLARGE), num(modelGsd), num(fx * fy));
        else {
            ResampleGrid g;
            try {
                g = ResampleGrid.of(info.width(), info.height(), fx, fy);
            } catch (IllegalArgumentException e) {
                throw new UsageException(null, "resampling to the model's " + num(modelGsd) + " m: " + e.getMessage()
                        + "; use --resample off");
            }
            if (!g.isIdentity()) {
                String r = String.format(Locale.ROOT, "input %s m, model %s m: the model runs on a %d x %d grid (factor %s) and the"
                        + " results are mapped back onto the input's %d x %d grid", num(gsd.mean()), num(modelGsd), g.modelWidth(),
                        g.modelHeight(), num(Math.sqrt(fx * fy)), info.width(), info.height());
                return new ResolutionPlan(mode, gsd, modelGsd, fx, fy, Optional.of(g), r);
            }
            why = "the model grid has the input's size";
        }
        return new ResolutionPlan(mode, gsd, modelKnown ? modelGsd : 0, fx, fy, Optional.empty(), why);
    }

    /** A short phrase for one-line summaries, e.g. "resampled 0.15 -> 0.3 m (factor 0.5)" or "native 0.3 m". */
    public String summary() {
        if (resampled()) return "resampled " + num(input.mean()) + " -> " + num(modelGsd) + " m (factor " + num(factor()) + ")";
        if (mode == Resample.OFF) return "resample off";
        if (!input.isKnown()) return "input GSD unknown, not resampled";
        if (!(modelGsd > 0)) return "model GSD unknown, not resampled";
        if (factorX > MAX_ENLARGE || factorY > MAX_ENLARGE)
            return "not resampled: input " + num(input.mean()) + " m is too coarse for the model's " + num(modelGsd) + " m (factor "
                    + num(factor()) + ")";
        return "not resampled: input " + num(input.mean()) + " m, model " + num(modelGsd) + " m (factor " + num(factor()) + ")";
    }

    static String num(double v) {
        if (Double.isNaN(v)) return "unknown";
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains(".") && !s.contains("e")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }
}
