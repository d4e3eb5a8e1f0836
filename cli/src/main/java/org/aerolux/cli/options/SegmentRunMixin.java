package org.aerolux.cli.options;

import java.util.OptionalInt;
import org.aerolux.segmentation.SegmentationOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The model options of a segmentation run ({@code aerolux segment}, {@code calibrate}, {@code aerolux-spark segment}). */
public final class SegmentRunMixin {
    @Option(names = "--model", required = true, paramLabel = "M",
            description = "registry name (see 'aerolux models') or path to an .onnx file")
    String model;

    @Mixin
    ModelRunMixin common;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "auto", converter = Converters.SegmentBatch.class,
            description = "tiles per model call, or auto: as many as fit in the free GPU memory (nvidia-smi) at the model card's"
                    + " activation estimate, 4 on the CPU (default ${DEFAULT-VALUE}); out of GPU memory, the batch is halved"
                    + " and then tiles shrink")
    int batch;

    public String model() { return model; }

    /** The options every model run shares. */
    public ModelRunMixin common() { return common; }

    /** A segmentation options builder with these values; threads {@code defaultThreads} unless given. */
    public SegmentationOptions.Builder segmentation(int defaultThreads) {
        return SegmentationOptions.builder().model(model).bands(common.bands())
                .tile(common.tile() == null ? OptionalInt.empty() : OptionalInt.of(common.tile()))
                .overlap(common.overlap() == null ? OptionalInt.empty() : OptionalInt.of(common.overlap()))
                .blend(common.blend()).batch(batch).device(common.device()).threads(common.threads(defaultThreads)).cuda(common.cuda());
    }
}
