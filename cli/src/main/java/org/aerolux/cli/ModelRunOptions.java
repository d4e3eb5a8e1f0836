package org.aerolux.cli;

import org.aerolux.cli.options.SegmentRunMixin;
import org.aerolux.segmentation.SegmentationOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of the segmentation model commands of {@code aerolux} (the shared mixin plus --quiet). */
final class ModelRunOptions {
    @Mixin
    SegmentRunMixin segment;

    @Option(names = "--quiet", description = "print nothing but errors")
    boolean quiet;

    /** A segmentation options builder with these values (threads: all cores unless given). */
    SegmentationOptions.Builder segmentation() { return segment.segmentation(0); }
}
