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

    /** args: segment MODEL INPUT OUTDIR | enhance REGISTRY INPUT OUTPUT */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("segment")) {
            SegmentationOptions options = SegmentationOptions.builder().model(args[1]).bands(3, 2, 1).tile(64).overlap(16)
                    .blend(Blender.COSINE).batch(2).device(DeviceRequest.CPU)
                    .outputs(EnumSet.of(SegmentationOutput.LABELS, SegmentationOutput.PROBABILITIES, SegmentationOutput.CONFIDENCE,
                            SegmentationOutput.ENTROPY, SegmentationOutput.VECTORS)).build();
            Files.createDirectories(Path.of(args[3]));
            try (Segmenter s = Segmenter.open(options, ModelRegistry.empty())) {
                new FileSegmentation(s, Path.of(args[3]), VectorOutputs.geoJson()).segment(Path.of(args[2]), ProgressListener.NONE, new Cancellation());
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
