package org.aerolux.cli.options;

import org.aerolux.segmentation.Resample;
import org.aerolux.segmentation.SegmentationOptions;
import org.aerolux.segmentation.SegmentationOutput;
import org.aerolux.segmentation.Temperature;
import picocli.CommandLine.Option;

/**
 * What a segmentation file run writes and at which resolution the model sees the input: {@code --temperature},
 * {@code --outputs}, {@code --overwrite}, {@code --resample}, {@code --input-resolution} (CLI and Spark).
 */
public final class SegmentOutputsMixin {
    @Option(names = "--temperature", paramLabel = "T|auto", defaultValue = "auto",
            description = "softmax temperature T (probabilities = softmax(logits / T)); auto = the model card's value (default)")
    String temperature;

    @Option(names = "--outputs", paramLabel = "LIST", defaultValue = "labels,confidence",
            description = "any of labels, probabilities, confidence, entropy, vectors (default ${DEFAULT-VALUE})")
    String outputs;

    @Option(names = "--overwrite", description = "redo inputs whose outputs exist (default: skip them)")
    boolean overwrite;

    @Option(names = "--resample", paramLabel = "auto|off", defaultValue = "auto",
            description = "auto: when the input's ground resolution differs from the model card's (aerolux.resolution_m) by more"
                    + " than 25 %, run the model on a grid at the card's resolution and map the results back onto the input's"
                    + " exact grid; off: use the input's pixels as they are (default ${DEFAULT-VALUE})")
    String resample;

    @Option(names = "--input-resolution", paramLabel = "M",
            description = "ground resolution in metres per pixel of an input without georeferencing (PNG, JPEG, plain TIFF)")
    Double inputResolution;

    /** The options of {@code b} with these values. */
    public SegmentationOptions build(SegmentationOptions.Builder b) {
        return b.temperature(Temperature.parse(temperature)).outputs(SegmentationOutput.parseList(outputs)).overwrite(overwrite)
                .resample(Resample.parse(resample)).inputResolution(inputResolution).build();
    }
}
