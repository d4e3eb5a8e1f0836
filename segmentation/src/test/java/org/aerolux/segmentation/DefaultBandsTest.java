package org.aerolux.segmentation;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.model.ModelRegistry;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.RasterInfo;
import org.junit.jupiter.api.Test;

/** Without --bands, the card's input roles (red, green, blue for farseg-demo) pick bands by their descriptions. */
class DefaultBandsTest {
    static RasterInfo raster(List<String> descriptions) {
        int b = descriptions.size();
        return new RasterInfo(64, 64, b, DataType.UINT8, Georeference.NONE, Collections.nCopies(b, OptionalDouble.empty()), descriptions);
    }

    static Segmenter farsegDemo(SegmentationOptions.Builder b) {
        return Segmenter.open(b.model(FarSegFixtures.model("farseg-demo").toString()).device(DeviceRequest.CPU).build(), ModelRegistry.empty());
    }

    @Test
    void bandDescriptionsNamingTheCardsRolesAreUsedInModelOrder() {
        try (Segmenter s = farsegDemo(SegmentationOptions.builder())) {
            RasterInfo bgrn = raster(List.of("Blue", "Green", "Red", "NIR"));
            assertArrayEquals(new int[] {3, 2, 1}, s.bandsFor(bgrn));
            assertTrue(s.bandsSource(bgrn).startsWith("model card"), s.bandsSource(bgrn));
            RasterInfo unnamed = raster(List.of("", "", "", ""));
            assertArrayEquals(new int[] {1, 2, 3}, s.bandsFor(unnamed));
            assertTrue(s.bandsSource(unnamed).startsWith("default (the first bands"), s.bandsSource(unnamed));
        }
    }

    @Test
    void explicitBandsWinOverDescriptions() {
        try (Segmenter s = farsegDemo(SegmentationOptions.builder().bands(1, 1, 1))) {
            RasterInfo bgrn = raster(List.of("Blue", "Green", "Red", "NIR"));
            assertArrayEquals(new int[] {1, 1, 1}, s.bandsFor(bgrn));
            assertEquals("--bands", s.bandsSource(bgrn));
        }
    }
}
