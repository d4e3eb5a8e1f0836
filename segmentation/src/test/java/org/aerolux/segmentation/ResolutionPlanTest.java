package org.aerolux.segmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.OptionalDouble;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.Rasters;
import org.junit.jupiter.api.Test;

/** When a run resamples, onto which grid, and what it says when it does not. */
class ResolutionPlanTest {
    private static RasterInfo utm(int w, int h, double gsd) {
        return new RasterInfo(w, h, 3, DataType.UINT8, Georeference.of(Rasters.crs(32633), new Affine(500000, gsd, 0, 4e6, 0, -gsd)),
                Collections.nCopies(3, OptionalDouble.empty()), Collections.nCopies(3, ""));
    }

    private static final RasterInfo PLAIN = new RasterInfo(100, 80, 3, DataType.UINT8, Georeference.NONE,
            Collections.nCopies(3, OptionalDouble.empty()), Collections.nCopies(3, ""));

    @Test
    void resamplesBeyondTheToleranceOntoTheModelGrid() {
        ResolutionPlan p = ResolutionPlan.decide(Resample.AUTO, OptionalDouble.empty(), 0.3, utm(1001, 500, 0.15));
        assertTrue(p.resampled());
        assertEquals(500, p.grid().get().modelWidth()); // 500.5 rounds half to even
        assertEquals(250, p.grid().get().modelHeight());
        assertEquals(0.5, p.factor(), 1e-12);
        assertEquals("resampled 0.15 -> 0.3 m (factor 0.5)", p.summary());
        ResolutionPlan up = ResolutionPlan.decide(Resample.AUTO, OptionalDouble.empty(), 0.3, utm(100, 50, 0.4));
        assertTrue(up.resampled(), up.reason()); // 33 % coarser
        assertEquals(133, up.grid().get().modelWidth());
    }

    @Test
    void usesTheInputAsItIsOtherwiseAndSaysWhy() {
        ResolutionPlan within = ResolutionPlan.decide(Resample.AUTO, OptionalDouble.empty(), 0.3, utm(100, 50, 0.36));
        assertFalse(within.resampled());
        assertTrue(within.reason().contains("within 25 %"), within.reason());
        ResolutionPlan off = ResolutionPlan.decide(Resample.OFF, OptionalDouble.empty(), 0.3, utm(100, 50, 0.15));
        assertFalse(off.resampled());
        assertEquals(0.5, off.factor(), 1e-12, "recorded all the same");
        ResolutionPlan noCard = ResolutionPlan.decide(Resample.AUTO, OptionalDouble.empty(), 0, utm(100, 50, 0.15));
        assertFalse(noCard.resampled());
        assertTrue(noCard.reason().contains("aerolux.resolution_m"), noCard.reason());
        ResolutionPlan unknown = ResolutionPlan.decide(Resample.AUTO, OptionalDouble.empty(), 0.3, PLAIN);
        assertFalse(unknown.resampled());
        assertTrue(unknown.reason().contains("--input-resolution"), unknown.reason());
        ResolutionPlan coarse = ResolutionPlan.decide(Resample.AUTO, OptionalDouble.empty(), 0.3, utm(100, 50, 30));
        assertFalse(coarse.resampled(), "a 30 m input is not enlarged 100 times");
        assertTrue(coarse.summary().contains("too coarse"), coarse.summary());
    }

    @Test
    void theOptionGivesTheResolutionOfPlainImagesOnly() {
        ResolutionPlan given = ResolutionPlan.decide(Resample.AUTO, OptionalDouble.of(0.6), 0.3, PLAIN);
        assertTrue(given.resampled());
        assertEquals(200, given.grid().get().modelWidth());
        assertTrue(given.input().from().startsWith("--input-resolution"), given.input().from());
        ResolutionPlan georef = ResolutionPlan.decide(Resample.AUTO, OptionalDouble.of(0.6), 0.3, utm(100, 50, 0.3));
        assertFalse(georef.resampled());
        assertTrue(georef.input().from().contains("--input-resolution ignored"), georef.input().from());
    }
}
