package org.aerolux.spark;

import java.io.Serializable;
import java.nio.file.Path;
import org.aerolux.segmentation.SegmentationOptions;

/**
 * A segmentation job as the driver sends it to the executors: the options of {@code aerolux segment} as the user
 * typed them and the output folder. Each executor parses them into the same {@link SegmentationOptions} the CLI
 * builds.
 *
 * @param settings the options as typed (also the key of {@link ExecutorModels#SEGMENTERS})
 */
public record SegmentJob(JobArgs settings, String outputDir) implements Serializable {
    /** The options of the CLI, built and checked as {@code aerolux segment} does. */
    public SegmentationOptions options() { return settings.parse(new SparkSegmentCommand()).options(settings.threads()); }

    /** The output folder. */
    public Path output() { return Path.of(outputDir); }
}
