package org.aerolux.core.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Map;
import org.aerolux.core.ExitCode;
import org.aerolux.core.UsageException;
import org.aerolux.core.inference.CudaOptions.CudnnSearch;
import org.junit.jupiter.api.Test;

/** The CUDA tuning becomes ONNX Runtime's CUDA provider option keys and values (no GPU needed to check that). */
class CudaOptionsTest {
    @Test
    void defaultsAreOnnxRuntimesOwn() {
        assertEquals(Map.of("device_id", "0", "cudnn_conv_algo_search", "EXHAUSTIVE"), CudaOptions.DEFAULT.providerOptions(0));
        assertEquals(CudaOptions.DEFAULT, InferenceOptions.DEFAULT.cuda());
        assertEquals(CudaOptions.DEFAULT, InferenceOptions.cpu(2).cuda());
    }

    @Test
    void everyOptionBecomesItsProviderKeyInAStableOrder() {
        CudaOptions o = CudaOptions.parse("8G", "heuristic");
        Map<String, String> m = o.providerOptions(3);
        assertEquals(java.util.List.of("device_id", "gpu_mem_limit", "cudnn_conv_algo_search"), new ArrayList<>(m.keySet()));
        assertEquals("3", m.get("device_id"));
        assertEquals("8589934592", m.get("gpu_mem_limit"));
        assertEquals("HEURISTIC", m.get("cudnn_conv_algo_search"));
        assertEquals("DEFAULT", CudaOptions.parse("0", "DEFAULT").providerOptions(0).get("cudnn_conv_algo_search"));
        assertEquals("gpu_mem_limit 8 GiB, cudnn_conv_algo_search HEURISTIC", o.summary());
        assertEquals("gpu_mem_limit none, cudnn_conv_algo_search EXHAUSTIVE", CudaOptions.DEFAULT.summary());
        InferenceOptions io = InferenceOptions.DEFAULT.withCuda(o).withThreads(2);
        assertEquals(o, io.cuda());
    }

    @Test
    void memorySizesParseWithBinaryUnits() {
        assertEquals(0, CudaOptions.parseBytes("0"));
        assertEquals(0, CudaOptions.parseBytes("none"));
        assertEquals(0, CudaOptions.parseBytes(" unlimited "));
        assertEquals(1073741824L, CudaOptions.parseBytes("1073741824"));
        assertEquals(512L << 20, CudaOptions.parseBytes("512M"));
        assertEquals(512L << 20, CudaOptions.parseBytes("512MiB"));
        assertEquals(8L << 30, CudaOptions.parseBytes("8g"));
        assertEquals(3L << 29, CudaOptions.parseBytes("1.5G"));
        assertEquals(2L << 40, CudaOptions.parseBytes("2T"));
        assertEquals(4096, CudaOptions.parseBytes("4k"));
        assertEquals("512 MiB", CudaOptions.bytesText(512L << 20));
        assertEquals("1000 B", CudaOptions.bytesText(1000));
    }

    @Test
    void badValuesAreUsageErrorsNamingTheOption() {
        for (String bad : new String[] {"-1", "8X", "lots", "1e9", "0.1"}) {
            UsageException e = assertThrows(UsageException.class, () -> CudaOptions.parseBytes(bad), bad);
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertTrue(e.getMessage().contains("gpu_mem_limit"), e.getMessage());
        }
        UsageException e = assertThrows(UsageException.class, () -> CudnnSearch.parse("fast"));
        assertEquals("cudnn_search must be exhaustive, heuristic or default, got 'fast'", e.getMessage());
        assertEquals(CudnnSearch.EXHAUSTIVE, CudnnSearch.parse(" Exhaustive"));
        assertEquals("heuristic", CudnnSearch.HEURISTIC.cliName());
        assertThrows(UsageException.class, () -> new CudaOptions(-5, CudnnSearch.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> CudaOptions.DEFAULT.providerOptions(-1));
    }
}
