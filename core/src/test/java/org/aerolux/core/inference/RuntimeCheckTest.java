package org.aerolux.core.inference;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeCheckTest {
    @Test
    void reportsTheRuntimeOfThisBuild() {
        RuntimeCheck.Report r = RuntimeCheck.run();
        assertEquals(ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion(), r.onnxRuntime());
        assertTrue(r.onnxRuntime().matches("\\d+\\.\\d+\\.\\d+"), r.onnxRuntime());
        assertTrue(r.providers().contains("CPUExecutionProvider"), r.providers().toString());
        assertFalse(r.djl().isBlank());
        // the CPU build lists no CUDA provider, so CUDA cannot load and the report says why; the GPU build (-Pgpu)
        // lists it, and where no CUDA driver/libraries exist it does not load, with ONNX Runtime's reason
        boolean noGpu = r.gpus().isEmpty() && r.smi().gpus().isEmpty();
        if (!r.providers().contains("CUDAExecutionProvider")) {
            assertFalse(r.cudaLoads());
            assertTrue(r.cudaDetail().contains("no CUDA execution provider"), r.cudaDetail());
            assertTrue(r.cudaDetail().contains("-Pgpu"), r.cudaDetail());
        } else if (noGpu) {
            assertFalse(r.cudaLoads());
            assertTrue(r.cudaDetail().startsWith("the CUDA execution provider is listed but does not load: "), r.cudaDetail());
        }
        List<String> lines = r.lines();
        assertEquals("ONNX Runtime " + r.onnxRuntime() + " via DJL " + r.djl(), lines.get(0));
        assertTrue(lines.get(2).startsWith("CUDA provider: " + (r.cudaLoads() ? "loads - " : "does not load - ")), lines.get(2));
        if (noGpu) assertTrue(lines.get(3).startsWith("GPU: none (nvidia-smi "), lines.get(3));
    }

    @Test
    void gpuLinesPreferNvidiaSmiThenTheDriverFolder() {
        NvidiaSmi.Result smi = new NvidiaSmi.Result(NvidiaSmi.parse("0, NVIDIA H200, 570.124.06, 143771, 142894\n"), "nvidia-smi");
        RuntimeCheck.Report r = new RuntimeCheck.Report("1.29.0", "0.38.0", List.of("CUDAExecutionProvider", "CPUExecutionProvider"),
                true, "the CUDA execution provider loads (device 0)", List.of("NVIDIA H200 (0000:01:00.0)"), smi);
        assertEquals(List.of("ONNX Runtime 1.29.0 via DJL 0.38.0", "execution providers: CUDAExecutionProvider, CPUExecutionProvider",
                "CUDA provider: loads - the CUDA execution provider loads (device 0)",
                "GPU: 0: NVIDIA H200, driver 570.124.06, 139.5 GiB free of 140.4 GiB"), r.lines());
        RuntimeCheck.Report folderOnly = new RuntimeCheck.Report("1.29.0", "0.38.0", List.of(), false, "x",
                List.of("NVIDIA H200 (0000:01:00.0)"), new NvidiaSmi.Result(List.of(), "nvidia-smi not found (no NVIDIA driver on this machine)"));
        assertEquals(List.of("NVIDIA H200 (0000:01:00.0) (driver folder; nvidia-smi not found (no NVIDIA driver on this machine))"),
                folderOnly.gpuLines());
    }

    @Test
    void readsTheGpuModelsTheDriverLists(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectories(dir.resolve("0000:01:00.0"));
        Files.writeString(a.resolve("information"), "Model: \t\t NVIDIA H200\nIRQ:   42\n");
        Files.createDirectories(dir.resolve("0000:02:00.0"));
        assertEquals(List.of("NVIDIA H200 (0000:01:00.0)", "0000:02:00.0"), RuntimeCheck.nvidiaGpus(dir));
        assertEquals(List.of(), RuntimeCheck.nvidiaGpus(dir.resolve("absent")));
    }
}
