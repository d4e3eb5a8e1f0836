package org.aerolux.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.aerolux.core.UsageException;
import org.aerolux.segmentation.Resample;
import org.junit.jupiter.api.Test;

/** The Segment dialog's key {@code resample}: {@code auto} (default) or {@code off}, into the segmentation options. */
class ResampleKeyTest {
    private static ModelRunFields.Values values(String resample) {
        return new ModelRunFields.Values("farseg-demo", "default", "auto", "auto", "cosine", "cpu", "auto", "auto", "0", "exhaustive", resample);
    }

    @Test
    void autoAndOffReachTheOptions() {
        assertEquals(Resample.AUTO, ModelRunFields.segmentation(values("auto")).build().resample());
        assertEquals(Resample.OFF, ModelRunFields.segmentation(values("off")).build().resample());
        assertEquals("auto", ModelRunFields.defaults(org.aerolux.core.model.ModelRegistry.empty(), "segmentation", "farseg-demo").resample());
        assertEquals(ModelRunFields.RESAMPLES, java.util.List.of("auto", "off"));
    }

    @Test
    void anyOtherValueIsAUsageErrorNamingTheKey() {
        UsageException e = assertThrows(UsageException.class, () -> ModelRunFields.segmentation(values("sometimes")));
        assertTrue(e.getMessage().contains("resample must be auto or off, got 'sometimes'"), e.getMessage());
    }
}
