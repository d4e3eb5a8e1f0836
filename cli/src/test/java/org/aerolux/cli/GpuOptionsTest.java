package org.aerolux.cli;

import static org.aerolux.cli.CliRun.list;
import static org.aerolux.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aerolux.core.inference.NvidiaSmi;
import org.aerolux.core.testing.SharedData;
import org.aerolux.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU side of the command line on a machine without CUDA: {@code info --system}, the CUDA options, the batch
 * choice and the device fallback as they reach the user and the provenance. Runs with the CPU jar and, under
 * {@code -Pgpu}, with the GPU jar (whose CUDA provider is listed but cannot load here).
 */
class GpuOptionsTest {
    @TempDir
    Path tmp;

    static boolean noGpuHere() {
        return NvidiaSmi.query().gpus().isEmpty() && !Files.isDirectory(Path.of("/proc/driver/nvidia/gpus"));
    }

    @Test
    void infoSystemReportsTheRuntimeTheCudaProviderAndTheGpus() {
        CliRun.Result r = run("info", "--system");
        assertEquals(0, r.code(), r.all());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("Java 17"), r.out());
        assertTrue(lines.get(1).startsWith("ONNX Runtime 1.29.0 via DJL 0.38"), r.out());
        assertTrue(lines.get(2).startsWith("execution providers: ") && lines.get(2).contains("CPUExecutionProvider"), r.out());
        assertTrue(lines.get(3).startsWith("CUDA provider: "), r.out());
        if (noGpuHere()) {
            assertTrue(lines.get(3).startsWith("CUDA provider: does not load - "), r.out());
            assertTrue(lines.get(3).contains(lines.get(2).contains("CUDAExecutionProvider")
                    ? "is listed but does not load: " : "this ONNX Runtime build has no CUDA execution provider"), r.out());
            assertEquals("GPU: none (nvidia-smi not found (no NVIDIA driver on this machine); /proc/driver/nvidia lists none)", lines.get(4));
        }

        CliRun.Result json = run("info", "--system", "--json");
        assertEquals(0, json.code(), json.all());
        JsonObject o = JsonParser.parseString(json.out()).getAsJsonObject();
        assertEquals("1.29.0", o.get("onnxruntime").getAsString());
        JsonObject cuda = o.getAsJsonObject("cuda_provider");
        assertFalse(cuda.get("detail").getAsString().isBlank());
        if (noGpuHere()) {
            assertFalse(cuda.get("loads").getAsBoolean());
            assertEquals(0, o.getAsJsonArray("gpus").size());
            assertEquals("nvidia-smi not found (no NVIDIA driver on this machine)", o.get("gpus_detail").getAsString());
        }
        for (String[] args : List.of(new String[] {"info"}, new String[] {"info", "--system", "x.tif"})) {
            CliRun.Result bad = run(args);
            assertEquals(2, bad.code(), bad.all());
            assertEquals(1, bad.err().lines().count(), bad.err());
        }
    }

    @Test
    void cudaOptionsAndTheBatchChoiceReachTheProvenance() throws Exception {
        Path out = tmp.resolve("out");
        CliRun.Result r = run("segment", "--model", TestModels.conv3x3().toString(), "--input", SharedData.landsat().toString(),
                "--output", out.toString(), "--bands", "3,2,1", "--threads", "1", "--gpu-mem-limit", "2G", "--cudnn-search", "heuristic");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("L7_ETMs.tif: 64 tiles (0 nodata) on cpu (batch 4) in "), r.out());
        JsonObject prov = JsonParser.parseString(Files.readString(out.resolve("L7_ETMs_aerolux.json"))).getAsJsonObject();
        JsonObject p = prov.getAsJsonObject("parameters");
        assertEquals(4, p.get("batch").getAsInt());
        assertEquals("auto", p.get("batch_option").getAsString());
        assertEquals("auto: 4 on the CPU", p.get("batch_from").getAsString());
        assertEquals(2L << 30, p.get("gpu_mem_limit_bytes").getAsLong());
        assertEquals("heuristic", p.get("cudnn_search").getAsString());
        JsonObject device = prov.getAsJsonObject("device");
        assertEquals("auto", device.get("requested").getAsString());
        assertEquals("cpu", device.get("used").getAsString());
        assertTrue(device.get("reason").getAsString().startsWith("auto: ") && device.get("reason").getAsString().endsWith("running on CPU"),
                device.toString());
        JsonObject backoff = prov.getAsJsonObject("tiles").getAsJsonObject("memory_backoff");
        assertEquals("none", backoff.get("summary").getAsString());
        assertEquals(0, backoff.getAsJsonArray("events").size());

        Path out2 = tmp.resolve("out2");
        CliRun.Result explicit = run("segment", "--model", TestModels.conv3x3().toString(), "--input", SharedData.landsat().toString(),
                "--output", out2.toString(), "--bands", "3,2,1", "--threads", "1", "--batch", "3", "--device", "cpu");
        assertEquals(0, explicit.code(), explicit.all());
        JsonObject p2 = JsonParser.parseString(Files.readString(out2.resolve("L7_ETMs_aerolux.json"))).getAsJsonObject().getAsJsonObject("parameters");
        assertEquals(3, p2.get("batch").getAsInt());
        assertEquals("--batch 3", p2.get("batch_from").getAsString());
        assertEquals(0, p2.get("gpu_mem_limit_bytes").getAsLong());
        assertEquals("exhaustive", p2.get("cudnn_search").getAsString());
    }

    @Test
    void strictGpuIsExit5AndBadCudaOptionsAreUsageErrors() {
        String m = TestModels.conv3x3().toString(), in = SharedData.landsat().toString();
        Path out = tmp.resolve("o");
        CliRun.Result gpu = run("segment", "--model", m, "--input", in, "--output", out.toString(), "--bands", "3,2,1", "--device", "gpu",
                "--gpu-mem-limit", "1G", "--cudnn-search", "default");
        if (noGpuHere()) {
            assertEquals(5, gpu.code(), gpu.all());
            assertEquals(1, gpu.err().lines().filter(l -> l.startsWith("aerolux: ")).count(), gpu.err());
            assertTrue(gpu.err().contains("--device gpu: CUDA device 0 cannot be used: "), gpu.err());
            assertFalse(Files.exists(out), "nothing written");
        }
        for (String[] extra : List.of(new String[] {"--gpu-mem-limit", "lots"}, new String[] {"--cudnn-search", "fast"},
                new String[] {"--batch", "none"}, new String[] {"--batch", "0"})) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("segment", "--model", m, "--input", in, "--output",
                    out.toString(), "--bands", "3,2,1"), java.util.Arrays.stream(extra)).toArray(String[]::new);
            CliRun.Result r = run(args);
            assertEquals(2, r.code(), String.join(" ", extra) + "\n" + r.all());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains(extra[0]), r.err());
        }
        assertEquals(List.of(), list(out));
    }
}
