package org.aerolux.cli.options;

import org.aerolux.core.inference.CudaOptions;
import org.aerolux.core.model.BandList;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.tile.Blender;
import picocli.CommandLine.Option;

/** The options of every model run (INTERFACE.md, "Common options"), in {@code aerolux} and {@code aerolux-spark}. */
public final class ModelRunMixin {
    @Option(names = "--bands", paramLabel = "B1,B2,...", converter = Converters.Bands.class,
            description = "1-based input bands in model order, e.g. 3,2,1; a band may repeat (1,1,1). Default: segment, the first"
                    + " bands of the input (as many as the model card's input_bands, or those its band roles name); enhance,"
                    + " 1,1,1 for one band and 1,2,3 for three or more, other bands copied unchanged")
    BandList bands;

    @Option(names = "--tile", paramLabel = "N", description = "tile edge in pixels (a multiple of the model's size multiple;"
            + " enhance: tiled mode, at least 512); default from the model card")
    Integer tile;

    @Option(names = "--overlap", paramLabel = "N", description = "overlap between tiles in pixels; default from the model card"
            + " (for segmentation at least 128 where the tile is at least 256)")
    Integer overlap;

    @Option(names = "--blend", paramLabel = "MODE", defaultValue = "cosine", converter = Converters.Blend.class,
            description = "how overlapping tiles merge: center, cosine or gaussian (default ${DEFAULT-VALUE})")
    Blender blend;

    @Option(names = "--device", paramLabel = "D", defaultValue = "auto", converter = Converters.Device.class,
            description = "auto, cpu, gpu or gpu:N; auto uses CUDA when it loads, else the CPU, and says why (default ${DEFAULT-VALUE})")
    DeviceRequest device;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads per model operator; 0 = all cores. Default: all"
            + " cores (aerolux), spark.task.cpus (aerolux-spark, so that the tasks running at once do not oversubscribe the cores)")
    Integer threads;

    @Option(names = "--gpu-mem-limit", paramLabel = "SIZE", defaultValue = "0", converter = Converters.GpuMemLimit.class,
            description = "CUDA memory arena limit of ONNX Runtime, e.g. 8G or 512M; 0 = no limit (default ${DEFAULT-VALUE})")
    long gpuMemLimit;

    @Option(names = "--cudnn-search", paramLabel = "MODE", defaultValue = "exhaustive", converter = Converters.CudnnSearch.class,
            description = "cuDNN convolution algorithm search on CUDA: exhaustive (fastest after the first batch), heuristic or"
                    + " default (least memory) (default ${DEFAULT-VALUE})")
    CudaOptions.CudnnSearch cudnnSearch;

    /** The bands given, or null for the method's default. */
    public int[] bands() { return bands == null ? null : bands.oneBased(); }

    public Integer tile() { return tile; }

    public Integer overlap() { return overlap; }

    public Blender blend() { return blend; }

    public DeviceRequest device() { return device; }

    /** --threads as given, else {@code otherwise}. */
    public int threads(int otherwise) { return threads != null ? threads : otherwise; }

    /** --threads as given, null when not given. */
    public Integer threadsGiven() { return threads; }

    /** --gpu-mem-limit and --cudnn-search. */
    public CudaOptions cuda() { return new CudaOptions(gpuMemLimit, cudnnSearch); }
}
