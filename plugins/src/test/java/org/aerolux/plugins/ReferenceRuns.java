package org.aerolux.plugins;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.model.ModelRegistry;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.pipeline.ProgressListener;
import org.aerolux.core.tile.Blender;
import org.aerolux.enhancement.Enhancer;
import org.aerolux.segmentation.FileSegmentation;
import org.aerolux.segmentation.SegmentationOptions;
import org.aerolux.segmentation.SegmentationOutput;
import org.aerolux.segmentation.Segmenter;
import org.aerolux.segmentation.VectorOutputs;

/**
 * The command line's code paths on files, run in a JVM of their own: ONNX Runtime's native library belongs to
 * one class loader per process, and the headless ImageJ of the tests owns it in the test JVM.
 */
public final class ReferenceRuns {
    private ReferenceRuns() {}

    /**
     * args: segment MODEL INPUT OUTDIR (bands 3,2,1, tile 64, overlap 16, every output, no registry)
     * | segment-registered REGISTRY MODEL INPUT OUTDIR (bands 1,2,3, tile 128, overlap 32; labels and probabilities)
     * | enhance REGISTRY INPUT OUTPUT; always blend cosine, batch 2, the CPU and the card's temperature
     * | cli ARGS...: {@code aerolux ARGS...} itself.
     */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("cli")) {
            System.exit(org.aerolux.cli.AeroLuxCli.run(java.util.Arrays.copyOfRange(args, 1, args.length),
                    new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true)));
        } else if (args[0].startsWith("segment")) {
            boolean registered = args[0].equals("segment-registered");
            String[] a = registered ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
            ModelRegistry registry = registered ? ModelRegistry.load(Path.of(args[1])) : ModelRegistry.empty();
            SegmentationOptions.Builder b = SegmentationOptions.builder().model(a[1]).blend(Blender.COSINE).batch(2).device(DeviceRequest.CPU);
            SegmentationOptions options = registered
                    ? b.bands(1, 2, 3).tile(128).overlap(32).outputs(EnumSet.of(SegmentationOutput.LABELS, SegmentationOutput.PROBABILITIES)).build()
                    : b.bands(3, 2, 1).tile(64).overlap(16).outputs(EnumSet.of(SegmentationOutput.LABELS, SegmentationOutput.PROBABILITIES,
                            SegmentationOutput.CONFIDENCE, SegmentationOutput.ENTROPY, SegmentationOutput.VECTORS)).build();
            Files.createDirectories(Path.of(a[3]));
            try (Segmenter s = Segmenter.open(options, registry)) {
                new FileSegmentation(s, Path.of(a[3]), VectorOutputs.geoJson()).segment(Path.of(a[2]), ProgressListener.NONE, new Cancellation());
            }
        } else {
            try (Enhancer e = Enhancer.builder().model("cue-demo").registry(ModelRegistry.load(Path.of(args[1]))).build()) {
                e.enhanceFile(Path.of(args[2]), Path.of(args[3]));
            }
        }
        System.exit(0);
    }

    /** Runs main in a child JVM with this JVM's class path. */
    static void run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), ReferenceRuns.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) throw new AssertionError("reference run failed:\n" + out);
    }
}
