package org.aerolux.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.aerolux.core.io.OutputFolders;
import org.aerolux.core.model.ModelResolver;
import org.aerolux.core.model.RegistryLocation;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Where and how Spark runs the scene tasks (options shared by every aerolux-spark command). */
final class SparkOptions {
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[N] runs N tasks at once in this JVM, or spark://host:7077, yarn, k8s://...;"
                    + " default local[*] unless spark-submit set one")
    String master;

    @Option(names = "--max-failures", paramLabel = "N", defaultValue = "4",
            description = "attempts per scene task before the job fails (spark.task.maxFailures; default ${DEFAULT-VALUE})")
    int maxFailures;

    @Option(names = "--quiet", description = "print nothing but errors")
    boolean quiet;

    /** --threads as given, else the cores Spark gives each task (spark.task.cpus, 1 by default). */
    int threads(Integer given) {
        return given != null ? given : new SparkConf().getInt("spark.task.cpus", 1);
    }

    /**
     * The driver's part of every job once the scenes are listed: the model resolved (a missing one fails here, once),
     * the output folder prepared, one line said, the tasks run on Spark and the job reported; returns the exit code.
     *
     * @param verb e.g. "segmenting"
     */
    int submit(CommandSpec spec, String verb, String model, List<String> scenes, Path dir, Function<String, SceneOutcome> task) {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        new ModelResolver(RegistryLocation.load(SparkOptions.class)).resolve(model);
        OutputFolders.prepare(dir, "--output");
        if (!quiet) err.println("aerolux-spark: " + verb + " " + scenes.size() + " scene" + (scenes.size() == 1 ? "" : "s") + " with "
                + model + " into " + dir);
        SparkJob.Result r = SparkJob.run(SparkJob.conf("aerolux-spark " + spec.name(), this), scenes, task);
        return JobReport.print(r, quiet, out, err);
    }
}
