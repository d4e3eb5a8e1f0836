package org.aerolux.core.inference;

import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What this machine offers for inference, without loading a model: the ONNX Runtime and DJL versions, the
 * execution providers of this ONNX Runtime build, whether the CUDA provider actually loads, and the NVIDIA GPUs
 * the driver lists (name, driver version and memory from {@code nvidia-smi} where present). For front ends' system
 * checks ({@code AeroLux System Check} in Fiji, {@code aerolux info --system}): {@link Report#lines()}.
 */
public final class RuntimeCheck {
    private RuntimeCheck() {}

    /**
     * @param onnxRuntime ONNX Runtime version, or a one-line reason why it did not start
     * @param djl         DJL version
     * @param providers   execution providers this build lists (CUDA is listed even where it cannot load)
     * @param cudaLoads   true when the CUDA provider was added to a session for device 0
     * @param cudaDetail  why CUDA does or does not load, one line
     * @param gpus        NVIDIA GPUs the driver lists (/proc/driver/nvidia/gpus), empty when none or not Linux
     * @param smi         the GPUs nvidia-smi lists (name, driver, memory), or why none
     */
    public record Report(String onnxRuntime, String djl, List<String> providers, boolean cudaLoads, String cudaDetail,
                         List<String> gpus, NvidiaSmi.Result smi) {
        public Report {
            providers = List.copyOf(providers);
            gpus = List.copyOf(gpus);
        }

        /** The GPU line(s): nvidia-smi's list, else the driver's folder list, else why there is none. */
        public List<String> gpuLines() {
            if (!smi.gpus().isEmpty()) return smi.gpus().stream().map(NvidiaSmi.Gpu::describe).toList();
            if (!gpus.isEmpty()) return gpus.stream().map(g -> g + " (driver folder; " + smi.detail() + ")").toList();
            return List.of("none (" + smi.detail() + "; /proc/driver/nvidia lists none)");
        }

        /** The report as indented lines for a log or a terminal. */
        public List<String> lines() {
            List<String> l = new ArrayList<>();
            l.add("ONNX Runtime " + onnxRuntime + " via DJL " + djl);
            l.add("execution providers: " + String.join(", ", providers));
            l.add("CUDA provider: " + (cudaLoads ? "loads" : "does not load") + " - " + cudaDetail);
            List<String> g = gpuLines();
            if (g.size() == 1) l.add("GPU: " + g.get(0));
            else {
                l.add("GPUs:");
                for (String x : g) l.add("  " + x);
            }
            return l;
        }
    }

    /** Probes ONNX Runtime and the GPUs; never throws for an unusable runtime (the report says why). */
    public static Report run() {
        Djl.ensureOffline();
        String ort;
        List<String> providers = new ArrayList<>();
        try {
            // DJL's engine creates the process's one OrtEnvironment (with its thread pool); created here first
            // without one, every later model load would fail ("one already exists")
            Djl.engine();
            ort = OrtEnvironment.getEnvironment().getVersion();
            for (OrtProvider p : OrtEnvironment.getAvailableProviders()) providers.add(p.getName());
        } catch (RuntimeException | LinkageError e) {
            ort = "does not start: " + OrtMessages.oneLine(e);
        }
        String djl;
        try {
            djl = Engine.getDjlVersion();
        } catch (RuntimeException | LinkageError e) {
            djl = "?";
        }
        boolean cuda = false;
        String detail;
        if (!providers.contains(OrtProvider.CUDA.getName())) {
            detail = "this ONNX Runtime build has no CUDA execution provider (the GPU build comes with the Maven profile -Pgpu)";
        } else {
            try (SessionOptions so = new SessionOptions()) {
                SessionOptionsFactory.addCuda(so, 0, CudaOptions.DEFAULT);
                cuda = true;
                detail = "the CUDA execution provider loads (device 0)";
            } catch (Exception | LinkageError e) {
                detail = "the CUDA execution provider is listed but does not load: " + OrtMessages.oneLine(e);
            }
        }
        return new Report(ort, djl, providers, cuda, detail, nvidiaGpus(Path.of("/proc/driver/nvidia/gpus")), NvidiaSmi.query());
    }

    /** The "Model:" line of each GPU folder of the NVIDIA driver. */
    static List<String> nvidiaGpus(Path root) {
        List<String> gpus = new ArrayList<>();
        if (!Files.isDirectory(root)) return gpus;
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.sorted().toList()) {
                String model = d.getFileName().toString();
                Path info = d.resolve("information");
                if (Files.isRegularFile(info)) {
                    for (String line : Files.readAllLines(info)) {
                        if (line.startsWith("Model:")) model = line.substring(6).trim() + " (" + d.getFileName() + ")";
                    }
                }
                gpus.add(model);
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable driver folder means no usable GPU information; the CUDA probe still says what loads
        }
        return gpus;
    }
}
