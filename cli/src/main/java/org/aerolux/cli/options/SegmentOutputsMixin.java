package org.aerolux.cli.options;

import org.aerolux.segmentation.SegmentationOptions;
import org.aerolux.segmentation.SegmentationOutput;
import org.aerolux.segmentation.Temperature;
import picocli.CommandLine.Option;

/** What a segmentation file run writes: {@code --temperature}, {@code --outputs}, {@code --overwrite} (CLI and Spark). */
public final class SegmentOutputsMixin {
    @Option(names = "--temperature", paramLabel = "T|auto", defaultValue = "auto",
            description = "softmax temperature T (probabilities = softmax(logits / T)); auto = the model card's value (default)")
    String temperature;

    @Option(names = "--outputs", paramLabel = "LIST", defaultValue = "labels,confidence",
            description = "any of labels, probabilities, confidence, entropy, vectors (default ${DEFAULT-VALUE})")
    String outputs;

    @Option(names = "--overwrite", description = "redo inputs whose outputs exist (default: skip them)")
    boolean overwrite;

    /** The options of {@code b} with these values. */
    public SegmentationOptions build(SegmentationOptions.Builder b) {
        return b.temperature(Temperature.parse(temperature)).outputs(SegmentationOutput.parseList(outputs)).overwrite(overwrite).build();
    }
}
