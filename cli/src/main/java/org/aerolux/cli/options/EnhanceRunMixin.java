package org.aerolux.cli.options;

import org.aerolux.enhancement.EnhancementMode;
import org.aerolux.enhancement.EnhancementOptions;
import org.aerolux.enhancement.MemoryBudget;
import org.aerolux.enhancement.ValueRange;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of an enhancement run ({@code aerolux enhance}, {@code aerolux-spark enhance}). */
public final class EnhanceRunMixin {
    @Option(names = "--model", paramLabel = "M", defaultValue = EnhancementOptions.DEFAULT_MODEL,
            description = "registry name or .onnx file of a CUE model (default ${DEFAULT-VALUE})")
    String model;

    @Mixin
    ModelRunMixin common;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "auto", converter = Converters.Mode.class,
            description = "auto (whole image when it fits --memory, else tiles), whole or tiled (default ${DEFAULT-VALUE})")
    EnhancementMode mode;

    @Option(names = "--range", paramLabel = "MIN,MAX", converter = Converters.Range.class,
            description = "raw values of black and white. Default: 0,255 for 8-bit; the 0.01th..99.99th percentiles of the data for"
                    + " 16-bit and float")
    ValueRange range;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1", description = "tiles per model call (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--memory", paramLabel = "SIZE", converter = Converters.Memory.class,
            description = "memory budget, e.g. 8g (default: half the available memory; on Spark, of each executor)")
    MemoryBudget memory;

    @Option(names = "--gap-probe", paramLabel = "N", defaultValue = "auto", converter = Converters.GapProbe.class,
            description = "tiled mode: edge of the window on which tiled and whole-image output are compared for the provenance;"
                    + " auto (two tile strides), off, or pixels")
    int gapProbe;

    @Option(names = "--side-by-side", description = "also write STEM_before_after.png")
    boolean sideBySide;

    @Option(names = "--overwrite", description = "replace existing outputs (default: skip inputs whose outputs exist)")
    boolean overwrite;

    public String model() { return model; }

    /** The options every model run shares. */
    public ModelRunMixin common() { return common; }

    /** The enhancement options of these values; threads {@code defaultThreads} unless given. */
    public EnhancementOptions options(int defaultThreads) {
        EnhancementOptions.Builder b = EnhancementOptions.builder().model(model).bands(common.bands()).mode(mode).blend(common.blend())
                .batch(batch).device(common.device()).threads(common.threads(defaultThreads)).cuda(common.cuda()).range(range)
                .memoryBudget(memory).gapProbe(gapProbe).sideBySide(sideBySide).overwrite(overwrite);
        if (common.tile() != null) b.tile(common.tile());
        if (common.overlap() != null) b.overlap(common.overlap());
        return b.build();
    }
}
