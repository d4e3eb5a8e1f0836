package org.aerolux.spark;

import java.io.Serializable;
import java.nio.file.Path;
import org.aerolux.enhancement.EnhancementOptions;

/**
 * An enhancement job as the driver sends it to the executors: the options of {@code aerolux enhance} as typed,
 * the output folder and the command line for the provenance.
 *
 * @param settings         the options as typed (also the key of {@link ExecutorModels#ENHANCERS})
 * @param commandLine      the driver's command line, recorded in each provenance
 * @param workingDirectory the driver's working directory, recorded in each provenance
 */
public record EnhanceJob(JobArgs settings, String outputDir, String commandLine, String workingDirectory) implements Serializable {
    /** The output folder. */
    public Path output() { return Path.of(outputDir); }

    /** Checks the options as the CLI does (without loading the model). */
    public void check() { options(); }

    /** The options of the CLI, built and checked as {@code aerolux enhance} does (the memory budget of this JVM). */
    public EnhancementOptions options() { return settings.parse(new SparkEnhanceCommand()).run.options(settings.threads()); }
}
