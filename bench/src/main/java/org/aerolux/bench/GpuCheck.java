package org.aerolux.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.aerolux.core.AeroLuxException;
import org.aerolux.core.DeviceException;
import org.aerolux.core.inference.CudaOptions;
import org.aerolux.core.inference.InferenceOptions;
import org.aerolux.core.inference.OnnxModelLoader;
import org.aerolux.core.inference.OnnxRuntimeModel;
import org.aerolux.core.inference.RawSessionBaseline;
import org.aerolux.core.inference.RuntimeCheck;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.model.ForwardingModel;
import org.aerolux.core.model.Model;
import org.aerolux.core.model.ModelResolver;
import org.aerolux.core.model.NchwTensor;
import org.aerolux.core.model.RegistryLocation;
import org.aerolux.core.model.ResolvedModel;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.pipeline.ProgressListener;
import org.aerolux.segmentation.FileSegmentation;
import org.aerolux.segmentation.SegmentationOptions;
import org.aerolux.segmentation.SegmentationOutput;
import org.aerolux.segmentation.Segmenter;

/**
 * The GPU check of issue 10, in one JVM: on a generated N x N x 3 GeoTIFF scene,
 * <ol>
 *   <li>{@code aerolux segment}'s code (FileSegmentation: GeoTIFF in, batches on CUDA, blend, labels + confidence
 *       GeoTIFFs and provenance out) after one warm-up run, tiles/s over whole file runs;</li>
 *   <li>bare ONNX Runtime CUDA {@code session.run} on tiles captured from the warm-up run (tensors made before the
 *       clock starts), tiles/s; the ratio file / raw (target &gt;= 0.80);</li>
 *   <li>bare CPU {@code session.run} on a few of those tiles: the GPU file run's speed-up over it (a CPU file run
 *       is slower than the CPU session, so this speed-up is a lower bound);</li>
 *   <li>parity: softmax(z / T) of GPU and CPU outputs on the same tiles, max abs diff (target &lt;= 1e-3);</li>
 *   <li>the Java side's ceiling: the same file run with a stand-in model that returns zero logits at once, so its
 *       tiles/s is what reading, normalising, softmax, blending and writing allow with an infinitely fast GPU (the
 *       ratio of step 2 cannot exceed it divided by the raw tiles/s). A benchmark instrument, not a test double.</li>
 * </ol>
 * Exit 0 when every target is met, 1 when one is missed, 5 when CUDA cannot be used (the reason is printed).
 *
 * <p>Usage: {@code GpuCheck key=value...}: model (farseg-demo), size (8192), work (a folder for the scene), device
 * (gpu), batch (auto), gpu_mem_limit (0), cudnn_search (exhaustive), rounds (2), cpu_tiles (8), capture_tiles (256),
 * threads (0 = all cores, for the CPU session).
 */
public final class GpuCheck {
    static final double TARGET_RATIO = 0.80, TARGET_PARITY = 1e-3;

    private GpuCheck() {}

    /** Runs the real model and keeps a copy of the first batches, up to a number of tiles. */
    private static final class Capture extends ForwardingModel {
        final int maxTiles;
        final List<NchwTensor> batches = new ArrayList<>();
        int tiles;

        Capture(Model m, int maxTiles) {
            super(m);
            this.maxTiles = maxTiles;
        }

        @Override
        public NchwTensor run(NchwTensor batch) {
            if (tiles < maxTiles) {
                batches.add(new NchwTensor(batch.data().clone(), batch.n(), batch.c(), batch.h(), batch.w()));
                tiles += batch.n();
            }
            return delegate.run(batch);
        }
    }

    /** Returns zero logits of the right shape without computing anything: the file path's cost alone. */
    private static final class Instant extends ForwardingModel {
        Instant(Model m) { super(m); }

        @Override
        public NchwTensor run(NchwTensor batch) { return NchwTensor.zeros(batch.n(), outputChannels(), batch.h(), batch.w()); }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(Map.of("model", "farseg-demo", "size", "8192", "device", "gpu", "batch", "auto",
                "gpu_mem_limit", "0", "cudnn_search", "exhaustive", "rounds", "2", "cpu_tiles", "8", "capture_tiles", "256", "threads", "0"));
        o.put("work", System.getProperty("java.io.tmpdir"));
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 0 || !o.containsKey(a.substring(0, eq))) throw new IllegalArgumentException("unknown argument " + a + "; keys: " + o.keySet());
            o.put(a.substring(0, eq), a.substring(eq + 1));
        }
        try {
            System.exit(run(o));
        } catch (AeroLuxException e) {
            System.out.println("FAILED: " + e.getMessage());
            System.exit(e.exitCode().code());
        }
    }

    static int run(Map<String, String> o) throws Exception {
        System.out.println("== runtime");
        RuntimeCheck.Report rt = RuntimeCheck.run();
        rt.lines().forEach(l -> System.out.println("  " + l));
        DeviceRequest device = DeviceRequest.parse(o.get("device"));
        CudaOptions cuda = CudaOptions.parse(o.get("gpu_mem_limit"), o.get("cudnn_search"));
        int size = Integer.parseInt(o.get("size")), rounds = Integer.parseInt(o.get("rounds"));
        int cpuTiles = Integer.parseInt(o.get("cpu_tiles")), threads = Integer.parseInt(o.get("threads"));
        ResolvedModel resolved = new ModelResolver(RegistryLocation.load(GpuCheck.class)).resolve(o.get("model"));

        OnnxRuntimeModel gpu;
        try {
            gpu = OnnxModelLoader.load(resolved, new InferenceOptions(device, 0, cuda));
        } catch (DeviceException e) {
            System.out.println("NO CUDA: " + e.getMessage());
            System.out.println("RESULT: not measured (exit 5): the CUDA execution provider of onnxruntime_gpu 1.29.0 needs an NVIDIA"
                    + " driver, CUDA 12.x (libcudart.so.12, libcublas.so.12, libcublasLt.so.12, libcurand.so.10) and cuDNN 9.x on the"
                    + " library path");
            return 5;
        }
        try (gpu) {
            System.out.println("== model " + gpu.card().name() + " on " + gpu.device().summary());
            Path scene = Path.of(o.get("work")).resolve("gpu-check-scene-" + size + ".tif");
            if (!Files.exists(scene)) {
                long t0 = System.nanoTime();
                CopyBench.generate(scene, size);
                System.out.printf(Locale.ROOT, "== scene %s (%d x %d x 3 uint8) generated in %.1f s%n", scene, size, size, (System.nanoTime() - t0) / 1e9);
            }
            Path outDir = Files.createTempDirectory(Path.of(o.get("work")), "gpu-check-out");
            SegmentationOptions options = SegmentationOptions.builder().model(o.get("model")).device(device).cuda(cuda)
                    .batch(o.get("batch")).outputs(EnumSet.copyOf(SegmentationOutput.DEFAULTS)).overwrite(true).build();
            try {
                // warm-up (cuDNN's exhaustive search runs on the first batches) and capture of the raw run's tiles
                Capture capture = new Capture(gpu, Integer.parseInt(o.get("capture_tiles")));
                FileSegmentation.FileResult warm;
                try (Segmenter s = Segmenter.of(capture, Optional.of(resolved), options)) {
                    warm = new FileSegmentation(s, outDir, null).segment(scene, ProgressListener.NONE, new Cancellation());
                }
                var wp = warm.result().pipeline();
                long tiles = wp.tilesTotal();
                System.out.printf(Locale.ROOT, "== warm-up file run: %d tiles of %dx%d, batch %d (%s), back-off %s, %.2f s%n", tiles,
                        wp.layout().tileWidth(), wp.layout().tileHeight(), wp.batchSize(), warm.result().batchFrom(), wp.backoff().summary(),
                        warm.elapsed().toNanos() / 1e9);

                List<Double> fileTps = new ArrayList<>();
                FileSegmentation.FileResult last = warm;
                try (Segmenter s = Segmenter.of(new Capture(gpu, 0), Optional.of(resolved), options)) {
                    FileSegmentation files = new FileSegmentation(s, outDir, null);
                    for (int r = 0; r < rounds; r++) {
                        last = files.segment(scene, ProgressListener.NONE, new Cancellation());
                        double tps = tiles / (last.elapsed().toNanos() / 1e9);
                        fileTps.add(tps);
                        var p = last.result().pipeline();
                        System.out.printf(Locale.ROOT, "  file run %d: %.2f s, %.1f tiles/s (model %.2f s, read %.2f s, blend %.2f s, write %.2f s)%n",
                                r + 1, last.elapsed().toNanos() / 1e9, tps, PipelineBench.sec(p.model()), PipelineBench.sec(p.read()),
                                PipelineBench.sec(p.blend()), PipelineBench.sec(p.write()));
                    }
                }
                double file = PipelineBench.median(fileTps);
                double ceiling;
                try (Segmenter s = Segmenter.of(new Instant(gpu), Optional.of(resolved), options)) {
                    FileSegmentation.FileResult c = new FileSegmentation(s, outDir, null).segment(scene, ProgressListener.NONE, new Cancellation());
                    ceiling = tiles / (c.elapsed().toNanos() / 1e9);
                    var p = c.result().pipeline();
                    System.out.printf(Locale.ROOT, "  file run with an instant stand-in model: %.2f s, %.1f tiles/s (read %.2f s, blend %.2f s, write %.2f s)%n",
                            c.elapsed().toNanos() / 1e9, ceiling, PipelineBench.sec(p.read()), PipelineBench.sec(p.blend()), PipelineBench.sec(p.write()));
                }

                double raw;
                List<NchwTensor> gpuOut = new ArrayList<>(), cpuOut = new ArrayList<>();
                List<NchwTensor> parityBatches = new ArrayList<>();
                int parityTiles = 0;
                for (NchwTensor b : capture.batches) {
                    if (parityTiles >= cpuTiles) break;
                    parityBatches.add(b);
                    parityTiles += b.n();
                }
                // device=cpu is a dry run of this whole check on a machine without a GPU: the "GPU" side runs on the CPU
                boolean dry = device.kind() == DeviceRequest.Kind.CPU;
                if (dry) System.out.println("== DRY RUN: device=cpu, so the 'GPU' numbers below are CPU numbers");
                try (RawSessionBaseline rawGpu = dry ? RawSessionBaseline.open(resolved.file(), threads)
                        : RawSessionBaseline.openCuda(resolved.file(), device.cudaDevice(), cuda)) {
                    rawGpu.tilesPerSecond(capture.batches, 1); // warm-up
                    int repeats = (int) Math.max(1, Math.ceil((double) tiles / capture.tiles));
                    raw = rawGpu.tilesPerSecond(capture.batches, repeats);
                    for (NchwTensor b : parityBatches) gpuOut.add(rawGpu.run(b));
                    System.out.printf(Locale.ROOT, "== raw %s session.run: %.1f tiles/s (%d captured tiles x %d)%n", dry ? "CPU (dry run)" : "CUDA",
                            raw, capture.tiles, repeats);
                }
                double cpu;
                try (RawSessionBaseline rawCpu = RawSessionBaseline.open(resolved.file(), threads)) {
                    cpu = rawCpu.tilesPerSecond(parityBatches, 1);
                    for (NchwTensor b : parityBatches) cpuOut.add(rawCpu.run(b));
                    System.out.printf(Locale.ROOT, "== raw CPU session.run: %.2f tiles/s (%d tiles, %s threads)%n", cpu, parityTiles,
                            threads == 0 ? "all " + Runtime.getRuntime().availableProcessors() : threads);
                }
                double temperature = gpu.card().temperature();
                double diff = 0;
                for (int i = 0; i < gpuOut.size(); i++) diff = Math.max(diff, maxProbabilityDiff(gpuOut.get(i), cpuOut.get(i), temperature));

                double ratio = file / raw, speedup = file / cpu;
                boolean ok = ratio >= TARGET_RATIO && diff <= TARGET_PARITY;
                System.out.println("== summary");
                System.out.printf(Locale.ROOT, "scene %dx%d, %d tiles of %d px (overlap %d), batch %d, %s, %s%n", size, size, tiles,
                        last.result().grid().tileSize(), last.result().grid().overlap(), last.result().pipeline().batchSize(), cuda.summary(),
                        rt.gpuLines().get(0));
                System.out.printf(Locale.ROOT, "aerolux segment (file run, median of %d): %.1f tiles/s%n", rounds, file);
                System.out.printf(Locale.ROOT, "raw ORT %s session.run:%s %.1f tiles/s%n", dry ? "CPU (dry run)" : "CUDA", dry ? "       " : "               ", raw);
                System.out.printf(Locale.ROOT, "ratio file / raw: %.3f (target >= %.2f) %s%n", ratio, TARGET_RATIO, ratio >= TARGET_RATIO ? "PASS" : "MISS");
                System.out.printf(Locale.ROOT, "Java-side ceiling (instant model): %.1f tiles/s = %.2f x raw%n", ceiling, ceiling / raw);
                System.out.printf(Locale.ROOT, "speed-up of the GPU file run over CPU session.run: %.1fx (CPU %.2f tiles/s)%n", speedup, cpu);
                System.out.printf(Locale.ROOT, "parity GPU vs CPU probabilities on %d tiles: max abs diff %.2e (target <= %.0e) %s%n", parityTiles,
                        diff, TARGET_PARITY, diff <= TARGET_PARITY ? "PASS" : "MISS");
                System.out.println("RESULT: " + (ok ? "PASS" : "MISS") + (dry ? " (DRY RUN on the CPU: not a GPU measurement)" : ""));
                return ok ? 0 : 1;
            } finally {
                try (var s = Files.list(outDir)) {
                    for (Path f : s.toList()) Files.deleteIfExists(f);
                }
                Files.deleteIfExists(outDir);
            }
        }
    }

    /** Max |softmax(a / T) - softmax(b / T)| over all pixels and classes of two NCHW logit tensors. */
    static double maxProbabilityDiff(NchwTensor a, NchwTensor b, double temperature) {
        if (!a.shapeText().equals(b.shapeText())) throw new IllegalStateException(a.shapeText() + " vs " + b.shapeText());
        int n = a.n(), c = a.c(), hw = a.h() * a.w();
        double max = 0;
        double[] pa = new double[c], pb = new double[c];
        for (int i = 0; i < n; i++)
            for (int p = 0; p < hw; p++) {
                softmax(a.data(), i * c * hw + p, hw, c, temperature, pa);
                softmax(b.data(), i * c * hw + p, hw, c, temperature, pb);
                for (int k = 0; k < c; k++) max = Math.max(max, Math.abs(pa[k] - pb[k]));
            }
        return max;
    }

    private static void softmax(float[] z, int offset, int stride, int c, double t, double[] out) {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c; k++) m = Math.max(m, z[offset + k * stride] / t);
        double sum = 0;
        for (int k = 0; k < c; k++) sum += out[k] = Math.exp(z[offset + k * stride] / t - m);
        for (int k = 0; k < c; k++) out[k] /= sum;
    }
}
