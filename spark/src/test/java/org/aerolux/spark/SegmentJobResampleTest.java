package org.aerolux.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import org.aerolux.segmentation.Resample;
import org.junit.jupiter.api.Test;

/** {@code aerolux-spark segment --resample --input-resolution} reach every executor's segmentation options. */
class SegmentJobResampleTest {
    private static SegmentJob job(String... args) {
        return new SegmentJob(new JobArgs(List.of(args), 1), "/tmp/out");
    }

    @Test
    void argumentsCarryResampleAndInputResolution() {
        SegmentJob off = job("--model", "m.onnx", "--input", "in", "--output", "/tmp/out", "--outputs", "labels",
                "--resample", "off", "--input-resolution", "0.2");
        assertEquals(Resample.OFF, off.options().resample());
        assertEquals(OptionalDouble.of(0.2), off.options().inputResolution());
        SegmentJob plain = job("--model", "m.onnx", "--input", "in", "--output", "/tmp/out", "--outputs", "labels");
        assertEquals(Resample.AUTO, plain.options().resample());
        assertTrue(plain.options().inputResolution().isEmpty());
        assertNotEquals(off.settings(), plain.settings(), "different options are different executor cache keys");
    }
}
