package org.aerolux.spark;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.aerolux.core.io.OutputFolders;
import org.aerolux.core.model.ModelResolver;
import org.aerolux.core.model.RegistryLocation;
import org.aerolux.cli.options.EnhanceRunMixin;
import org.aerolux.enhancement.EnhancedOutputs;
import org.aerolux.enhancement.FileEnhancement;
import org.aerolux.cli.options.FileRunCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Path dir = output.toAbsolutePath().normalize();
        EnhanceJob job = new EnhanceJob(JobArgs.of(spec, spark.threads(run.common().threadsGiven())), dir.toString(),
                "aerolux-spark " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs()),
                Path.of("").toAbsolutePath().toString());
        job.check();
        List<String> scenes = SceneList.of(input, p -> EnhancedOutputs.isSupportedName(p) && Files.isRegularFile(p),
                folder -> FileEnhancement.imagesIn(folder, dir));
        SceneList.checkDistinctOutputs(scenes, p -> EnhancedOutputs.provenance(p, dir));
        new ModelResolver(RegistryLocation.load(SparkEnhanceCommand.class)).resolve(run.model());
        OutputFolders.prepare(dir, "--output");
        if (!spark.quiet) err.println("aerolux-spark: enhancing " + scenes.size() + " scene" + (scenes.size() == 1 ? "" : "s") + " with "
                + run.model() + " into " + dir);
        SparkJob.Result r = SparkJob.run(SparkJob.conf("aerolux-spark enhance", spark), scenes, new EnhanceScene(job));
        return JobReport.print(r, spark.quiet, out, err);
    }
}
