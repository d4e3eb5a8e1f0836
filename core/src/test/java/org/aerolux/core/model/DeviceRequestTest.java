package org.aerolux.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalInt;
import org.aerolux.core.ExitCode;
import org.aerolux.core.UsageException;
import org.junit.jupiter.api.Test;

class DeviceRequestTest {
    @Test
    void parsesTheFourForms() {
        assertEquals(DeviceRequest.AUTO, DeviceRequest.parse("auto"));
        assertEquals(DeviceRequest.CPU, DeviceRequest.parse(" CPU "));
        assertEquals(new DeviceRequest(DeviceRequest.Kind.GPU, OptionalInt.empty()), DeviceRequest.parse("gpu"));
        DeviceRequest g2 = DeviceRequest.parse("gpu:2");
        assertEquals(2, g2.cudaDevice());
        assertEquals("gpu:2", g2.toString());
        assertEquals(0, DeviceRequest.parse("gpu").cudaDevice());
    }

    @Test
    void anythingElseIsAUsageError() {
        for (String bad : new String[] {"", "tpu", "gpu:", "gpu:-1", "gpu:x", "gpu:123456", "cpu:0"}) {
            UsageException e = assertThrows(UsageException.class, () -> DeviceRequest.parse(bad), bad);
            assertEquals(ExitCode.USAGE, e.exitCode());
        }
    }
}
