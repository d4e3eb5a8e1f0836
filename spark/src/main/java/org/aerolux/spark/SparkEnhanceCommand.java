package org.aerolux.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.aerolux.cli.options.EnhanceRunMixin;
import org.aerolux.enhancement.EnhancedOutputs;
import org.aerolux.enhancement.FileEnhancement;
import org.aerolux.cli.options.FileRunCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code aerolux-spark enhance}: {@code aerolux enhance} over many scenes, one Spark task per scene. */
@Command(name = "enhance", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"CUE low-light enhancement of many scenes on Spark, one task per scene, with the outputs, provenance and"
                + " resume rule of 'aerolux enhance'; each provenance also names the executor.",
                "IN is a folder of GeoTIFF, TIFF, PNG or JPEG files, one such file, or a text file listing scene paths (one a line)."})
final class SparkEnhanceCommand extends FileRunCommand implements Callable<Integer> {
    @Mixin
    EnhanceRunMixin run;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        Path input = io.input(), output = io.output();
        Path dir = output.toAbsolutePath().normalize();
        EnhanceJob job = new EnhanceJob(JobArgs.of(spec, spark.threads(run.common().threadsGiven())), dir.toString(),
                "aerolux-spark " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs()),
                Path.of("").toAbsolutePath().toString());
        job.check();
        List<String> scenes = SceneList.of(input, p -> EnhancedOutputs.isSupportedName(p) && Files.isRegularFile(p),
                folder -> FileEnhancement.imagesIn(folder, dir));
        SceneList.checkDistinctOutputs(scenes, p -> EnhancedOutputs.provenance(p, dir));
        return spark.submit(spec, "enhancing", run.model(), scenes, dir, new EnhanceScene(job));
    }
}
