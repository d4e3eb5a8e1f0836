package org.aerolux.core.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class NvidiaSmiTest {
    @Test
    void parsesTheCsvOfTheQuery() {
        // the format of nvidia-smi --query-gpu=index,name,driver_version,memory.total,memory.free --format=csv,noheader,nounits
        String csv = "0, NVIDIA H200, 570.124.06, 143771, 142894\n1, NVIDIA A100-SXM4-80GB, 570.124.06, 81920, 1024\n"
                + "[N/A], [N/A], [N/A], [N/A], [N/A]\n";
        List<NvidiaSmi.Gpu> gpus = NvidiaSmi.parse(csv);
        assertEquals(2, gpus.size());
        assertEquals(new NvidiaSmi.Gpu(0, "NVIDIA H200", "570.124.06", 143771L << 20, 142894L << 20), gpus.get(0));
        assertEquals("1: NVIDIA A100-SXM4-80GB, driver 570.124.06, 1.0 GiB free of 80.0 GiB", gpus.get(1).describe());
        NvidiaSmi.Result r = new NvidiaSmi.Result(gpus, "nvidia-smi");
        assertEquals(OptionalLong.of(1024L << 20), r.freeBytes(1));
        assertEquals(OptionalLong.empty(), r.freeBytes(2));
    }

    @Test
    void withoutAnNvidiaDriverTheQuerySaysWhyAndListsNothing() {
        NvidiaSmi.Result none = NvidiaSmi.query("/nonexistent/nvidia-smi");
        assertEquals(List.of(), none.gpus());
        assertEquals("nvidia-smi not found (no NVIDIA driver on this machine)", none.detail());
        NvidiaSmi.Result failing = NvidiaSmi.query("false"); // a real program that exits 1, as nvidia-smi does without a driver
        assertEquals(List.of(), failing.gpus());
        assertTrue(failing.detail().startsWith("nvidia-smi failed (exit 1)"), failing.detail());
    }
}
