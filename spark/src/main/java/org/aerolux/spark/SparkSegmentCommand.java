package org.aerolux.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.aerolux.core.UsageException;
import org.aerolux.segmentation.FileSegmentation;
import org.aerolux.cli.options.SegmentOutputsMixin;
import org.aerolux.cli.options.SegmentRunMixin;
import org.aerolux.segmentation.SegmentationOptions;
import org.aerolux.cli.options.FileRunCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code aerolux-spark segment}: {@code aerolux segment} over many scenes, one Spark task per scene. */
@Command(name = "segment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"FarSeg segmentation of many GeoTIFF scenes on Spark, one task per scene, with the outputs, provenance and"
                + " resume rule of 'aerolux segment'; each provenance also names the executor.",
                "IN is a folder of GeoTIFFs, one GeoTIFF, or a text file listing scene paths (one a line)."})
final class SparkSegmentCommand extends FileRunCommand implements Callable<Integer> {
    @Mixin
    SegmentRunMixin run;

    @Mixin
    SegmentOutputsMixin writes;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        Path input = io.input(), output = io.output();
        SegmentJob job = new SegmentJob(JobArgs.of(spec, spark.threads(run.common().threadsGiven())), output.toAbsolutePath().normalize().toString());
        if (job.options().outputs().isEmpty()) throw new UsageException(null, "--outputs: nothing to write");
        List<String> scenes = SceneList.of(input, p -> isTiff(p) && Files.isRegularFile(p), FileSegmentation::rastersIn);
        SceneList.checkDistinctOutputs(scenes, p -> job.output().resolve(FileSegmentation.stem(p) + FileSegmentation.PROVENANCE_SUFFIX));
        return spark.submit(spec, "segmenting", run.model(), scenes, job.output(), new SegmentScene(job));
    }

    /** The options of the CLI for these values, with {@code threads} per task. */
    SegmentationOptions options(int threads) {
        return writes.build(run.segmentation(threads));
    }

    static boolean isTiff(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".tif") || n.endsWith(".tiff");
    }
}
