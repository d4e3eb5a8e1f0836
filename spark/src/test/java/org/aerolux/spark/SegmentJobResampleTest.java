package org.aerolux.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.aerolux.segmentation.Resample;
import org.junit.jupiter.api.Test;

/** {@code aerolux-spark segment --resample --input-resolution} reach every executor's segmentation options. */
class SegmentJobResampleTest {
    @Test
    void settingsCarryResampleAndInputResolution() {
        SegmentJob off = new SegmentJob(new SegmentJob.Settings("m.onnx", null, null, null, "cosine", 0, "cpu", 1, "auto",
                "labels", false, "off", 0.2), "/tmp/out");
        assertEquals(Resample.OFF, off.options().resample());
        assertEquals(OptionalDouble.of(0.2), off.options().inputResolution());
        SegmentJob plain = new SegmentJob(new SegmentJob.Settings("m.onnx", null, null, null, "cosine", 0, "cpu", 1, "auto",
                "labels", false), "/tmp/out");
        assertEquals(Resample.AUTO, plain.options().resample());
        assertTrue(plain.options().inputResolution().isEmpty());
        assertTrue(!off.settings().equals(plain.settings()), "different options are different executor cache keys");
    }
}
