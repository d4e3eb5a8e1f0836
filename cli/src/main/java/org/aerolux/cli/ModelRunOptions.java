package org.aerolux.cli;

import java.util.Arrays;
import java.util.OptionalInt;
import org.aerolux.core.UsageException;
import org.aerolux.core.inference.CudaOptions;
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

    @Option(names = "--batch", paramLabel = "N", defaultValue = "auto",
            description = "tiles per model call, or auto: as many as fit in the free GPU memory (nvidia-smi) at the model card's"
                    + " activation estimate, 4 on the CPU (default ${DEFAULT-VALUE}); out of GPU memory, the batch is halved"
                    + " and then tiles shrink")
    String batch;

    @Option(names = "--gpu-mem-limit", paramLabel = "SIZE", defaultValue = "0",
            description = "CUDA memory arena limit of ONNX Runtime, e.g. 8G or 512M; 0 = no limit (default ${DEFAULT-VALUE})")
    String gpuMemLimit;

    @Option(names = "--cudnn-search", paramLabel = "MODE", defaultValue = "exhaustive",
            description = "cuDNN convolution algorithm search on CUDA: exhaustive (fastest after the first batch), heuristic or"
                    + " default (least memory) (default ${DEFAULT-VALUE})")
    String cudnnSearch;

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
                .blend(Blender.parse(blend)).batch(SegmentationOptions.parseBatch(batch)).device(DeviceRequest.parse(device)).threads(threads)
                .cuda(cuda());
    }

    /** --gpu-mem-limit and --cudnn-search. */
    CudaOptions cuda() { return CudaOptions.parse(gpuMemLimit, cudnnSearch); }
}
