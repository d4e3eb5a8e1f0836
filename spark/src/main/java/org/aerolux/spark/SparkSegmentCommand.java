package org.aerolux.spark;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.aerolux.core.UsageException;
import org.aerolux.core.model.ModelResolver;
import org.aerolux.core.model.RegistryLocation;
import org.aerolux.segmentation.FileSegmentation;
import org.aerolux.segmentation.SegmentationOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aerolux-spark segment}: {@code aerolux segment} over many scenes, one Spark task per scene. */
@Command(name = "segment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"FarSeg segmentation of many GeoTIFF scenes on Spark, one task per scene, with the outputs, provenance and"
                + " resume rule of 'aerolux segment'; each provenance also names the executor.",
                "IN is a folder of GeoTIFFs, one GeoTIFF, or a text file listing scene paths (one a line)."})
final class SparkSegmentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M", description = "registry name or path to an .onnx file")
    String model;

    @Option(names = "--input", required = true, paramLabel = "IN", description = "a folder, a GeoTIFF, or a text file listing scenes")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "output folder (created when missing)")
    Path output;

    @Option(names = "--bands", paramLabel = "B1,B2,...", description = "1-based input bands in model order, e.g. 3,2,1")
    String bands;

    @Option(names = "--tile", paramLabel = "N", description = "tile edge in pixels; default from the model card")
    Integer tile;

    @Option(names = "--overlap", paramLabel = "N", description = "overlap between tiles in pixels; default from the model card")
    Integer overlap;

    @Option(names = "--blend", paramLabel = "MODE", defaultValue = "cosine", description = "center, cosine or gaussian (default ${DEFAULT-VALUE})")
    String blend;

    @Option(names = "--batch", paramLabel = "auto|N", defaultValue = "auto",
            description = "tiles per model call, as aerolux segment: auto (from free GPU memory, 4 on the CPU) or N (default ${DEFAULT-VALUE})")
    String batch;

    @Option(names = "--device", paramLabel = "D", defaultValue = "auto", description = "auto, cpu, gpu or gpu:N (default ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads per model operator in each task; 0 = all cores."
            + " Default: spark.task.cpus (1 unless set), so that the tasks running at once do not oversubscribe the cores")
    Integer threads;

    @Option(names = "--temperature", paramLabel = "T|auto", defaultValue = "auto", description = "softmax temperature; auto = the card's")
    String temperature;

    @Option(names = "--outputs", paramLabel = "LIST", defaultValue = "labels,confidence",
            description = "any of labels, probabilities, confidence, entropy, vectors (default ${DEFAULT-VALUE})")
    String outputs;

    @Option(names = "--overwrite", description = "redo scenes whose outputs exist (default: skip them)")
    boolean overwrite;

    @Option(names = "--resample", paramLabel = "auto|off", defaultValue = "auto",
            description = "auto: run the model at the card's ground resolution when the scene's differs by more than 25 %,"
                    + " results mapped back onto the scene's grid; off: use the scene's pixels as they are (default ${DEFAULT-VALUE})")
    String resample;

    @Option(names = "--input-resolution", paramLabel = "M", description = "ground resolution in metres of scenes without georeferencing")
    Double inputResolution;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        SegmentJob job = new SegmentJob(new SegmentJob.Settings(model, bands, tile, overlap, blend.toLowerCase(Locale.ROOT), SegmentationOptions.parseBatch(batch), device,
                spark.threads(threads), temperature, outputs, overwrite,
                resample, inputResolution), output.toAbsolutePath().normalize().toString());
        if (job.options().outputs().isEmpty()) throw new UsageException(null, "--outputs: nothing to write");
        List<String> scenes = SceneList.of(input, p -> isTiff(p) && Files.isRegularFile(p), FileSegmentation::rastersIn);
        SceneList.checkDistinctOutputs(scenes, p -> job.output().resolve(FileSegmentation.stem(p) + FileSegmentation.PROVENANCE_SUFFIX));
        new ModelResolver(RegistryLocation.load(SparkSegmentCommand.class)).resolve(model); // a missing model fails here, once
        OutputFolder.prepare(job.output());
        if (!spark.quiet) err.println("aerolux-spark: segmenting " + scenes.size() + " scene" + (scenes.size() == 1 ? "" : "s") + " with "
                + model + " into " + job.output());
        SparkJob.Result r = SparkJob.run(SparkJob.conf("aerolux-spark segment", spark), scenes, new SegmentScene(job));
        return JobReport.print(r, spark.quiet, out, err);
    }

    static boolean isTiff(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".tif") || n.endsWith(".tiff");
    }
}
