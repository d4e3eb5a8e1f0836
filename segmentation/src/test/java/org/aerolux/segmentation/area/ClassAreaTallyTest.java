package org.aerolux.segmentation.area;

import static org.junit.jupiter.api.Assertions.*;

import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.Rasters;
import org.junit.jupiter.api.Test;

/** Pixel counts and areas per class, streamed in bands. */
class ClassAreaTallyTest {
    private static final byte[] LABELS = {
            0, 1, 1, (byte) 255,
            2, 1, 0, 0,
            2, 2, (byte) 255, 1};

    @Test
    void projectedAreasArePixelsTimesPixelArea() {
        PixelAreaModel m = PixelAreaModel.of(Georeference.of(Rasters.crs(32633), new Affine(0, 0.3, 0, 0, 0, -0.3)));
        ClassAreaTally t = new ClassAreaTally(3, 4, m);
        t.acceptRows(0, java.util.Arrays.copyOfRange(LABELS, 0, 4), 1);
        t.acceptRows(1, java.util.Arrays.copyOfRange(LABELS, 4, 12), 2);
        assertEquals(3, t.pixels(0));
        assertEquals(4, t.pixels(1));
        assertEquals(3, t.pixels(2));
        assertEquals(2, t.nodataPixels());
        assertEquals(4 * m.pixelAreaM2(0, 0), t.areaM2(1), 0.0, "exactly pixels x pixel area");
        assertEquals(0.09, m.pixelAreaM2(0, 0), 1e-17);
    }

    @Test
    void geographicAreasFollowTheRows() {
        PixelAreaModel m = PixelAreaModel.of(Georeference.of(Rasters.crs(4326), new Affine(0, 1, 0, 3, 0, -1)));
        ClassAreaTally t = new ClassAreaTally(3, 4, m);
        t.acceptRows(0, LABELS, 3);
        double r0 = m.pixelAreaM2(0, 0), r1 = m.pixelAreaM2(0, 1), r2 = m.pixelAreaM2(0, 2);
        assertEquals(2 * r0 + r1 + r2, t.areaM2(1), 1e-6);
        assertEquals(r1 + 2 * r2, t.areaM2(2), 1e-6);
        assertEquals(12308778361.469, r2, 1e-2, "the row on the equator");
    }

    @Test
    void rotatedGeographicAreasArePerPixel() {
        Affine rot = new Affine(10, 0.5, 0.2, 40, 0.2, -0.5);
        PixelAreaModel m = PixelAreaModel.of(Georeference.of(Rasters.crs(4326), rot));
        ClassAreaTally t = new ClassAreaTally(3, 4, m);
        t.acceptRows(0, LABELS, 3);
        double want = m.pixelAreaM2(1, 0) + m.pixelAreaM2(2, 0) + m.pixelAreaM2(1, 1) + m.pixelAreaM2(3, 2);
        assertEquals(want, t.areaM2(1), 1e-9 * want);
    }

    @Test
    void tallyOfTwoHalvesEqualsTheWhole() {
        PixelAreaModel m = PixelAreaModel.of(Georeference.of(Rasters.crs(4326), new Affine(0, 1, 0, 3, 0, -1)));
        ClassAreaTally whole = new ClassAreaTally(3, 4, m);
        whole.acceptRows(0, LABELS, 3);
        ClassAreaTally a = new ClassAreaTally(3, 4, m), b = new ClassAreaTally(3, 4, m);
        a.acceptRows(0, java.util.Arrays.copyOfRange(LABELS, 0, 4), 1);
        b.acceptRows(1, java.util.Arrays.copyOfRange(LABELS, 4, 12), 2);
        a.add(b);
        for (int c = 0; c < 3; c++) {
            assertEquals(whole.pixels(c), a.pixels(c));
            assertEquals(whole.areaM2(c), a.areaM2(c), 1e-6);
        }
        assertEquals(whole.nodataPixels(), a.nodataPixels());
    }

    @Test
    void unknownLabelIsAnError() {
        ClassAreaTally t = new ClassAreaTally(2, 4, PixelAreaModel.of(Georeference.NONE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.acceptRows(0, LABELS, 3));
        assertTrue(e.getMessage().contains("label 2 at (0, 1)"), e.getMessage());
        ClassAreaTally ok = new ClassAreaTally(3, 4, PixelAreaModel.of(Georeference.NONE));
        ok.acceptRows(0, LABELS, 3);
        assertTrue(Double.isNaN(ok.areaM2(1)), "no CRS: areas unknown, counts still right");
        assertEquals(4, ok.pixels(1));
    }
}
