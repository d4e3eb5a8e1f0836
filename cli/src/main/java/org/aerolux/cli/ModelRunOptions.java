package org.aerolux.cli;

import java.util.Arrays;
import java.util.OptionalInt;
import org.aerolux.core.UsageException;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.tile.Blender;
import org.aerolux.segmentation.SegmentationOptions;
import picocli.CommandLine.Option;

/** The options every model-running command shares (INTERFACE.md, "Common options"). */
final class ModelRunOptions {
    @Option(names = "--model", required = true, paramLabel = "M",
            description = "registry name (see 'aerolux models') or path to an .onnx file")
    String model;

    @Option(names = "--bands", paramLabel = "B1,B2,...",
            description = "1-based input bands in model order, e.g. 3,2,1; a band may repeat (1,1,1). Default: the first"
                    + " bands of the input, as many as the model card's input_bands")
    String bands;

    @Option(names = "--tile", paramLabel = "N", description = "tile edge in pixels (a multiple of the model's size multiple);"
            + " default from the model card")
    Integer tile;

    @Option(names = "--overlap", paramLabel = "N", description = "overlap between tiles in pixels; default from the model card"
            + " (for segmentation at least 128 where the tile is at least 256)")
    Integer overlap;

    @Option(names = "--blend", paramLabel = "MODE", defaultValue = "cosine",
            description = "how overlapping tiles merge: center, cosine or gaussian (default ${DEFAULT-VALUE})")
    String blend;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "4", description = "tiles per model call (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--device", paramLabel = "D", defaultValue = "auto",
            description = "auto, cpu, gpu or gpu:N; auto uses CUDA when it loads, else the CPU, and says why (default ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "CPU threads per model operator; 0 = all cores (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--quiet", description = "print nothing but errors")
    boolean quiet;

    /** Parses "3,2,1" into 1-based band numbers, or null when not given. */
    int[] bandList() {
        if (bands == null) return null;
        try {
            int[] b = Arrays.stream(bands.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            if (b.length == 0) throw new NumberFormatException();
            return b;
        } catch (NumberFormatException e) {
            throw new UsageException(null, "--bands must be comma-separated band numbers such as 3,2,1, got '" + bands + "'");
        }
    }

    /** A segmentation options builder with these values. */
    SegmentationOptions.Builder segmentation() {
        return SegmentationOptions.builder().model(model).bands(bandList())
                .tile(tile == null ? OptionalInt.empty() : OptionalInt.of(tile))
                .overlap(overlap == null ? OptionalInt.empty() : OptionalInt.of(overlap))
                .blend(Blender.parse(blend)).batch(batch).device(DeviceRequest.parse(device)).threads(threads);
    }
}
