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
        // the CPU build lists no CUDA provider, so CUDA cannot load and the report says why
        if (!r.providers().contains("CUDAExecutionProvider")) {
            assertFalse(r.cudaLoads());
            assertTrue(r.cudaDetail().contains("no CUDA execution provider"), r.cudaDetail());
        }
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
