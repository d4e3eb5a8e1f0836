package org.aerolux.core.inference;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.aerolux.core.ByteSize;
import org.aerolux.core.UsageException;

/**
 * Tuning of ONNX Runtime's CUDA execution provider, used only when a model runs on CUDA: the memory arena limit
 * and the cuDNN convolution algorithm search. The device id comes from the device request ({@code gpu:N}).
 * {@link #providerOptions(int)} gives the provider option keys and values ONNX Runtime's
 * {@code OrtCUDAProviderOptions} takes (names as in ONNX Runtime's cuda_execution_provider_info.cc).
 *
 * @param gpuMemLimitBytes the CUDA memory arena limit in bytes; 0 = no limit (ONNX Runtime's default)
 * @param cudnnSearch      how cuDNN picks convolution algorithms
 */
public record CudaOptions(long gpuMemLimitBytes, CudnnSearch cudnnSearch) {
    /** ONNX Runtime's defaults: no arena limit, exhaustive search. */
    public static final CudaOptions DEFAULT = new CudaOptions(0, CudnnSearch.EXHAUSTIVE);

    static final String DEVICE_ID = "device_id", GPU_MEM_LIMIT = "gpu_mem_limit", CUDNN_CONV_ALGO_SEARCH = "cudnn_conv_algo_search";

    /** cuDNN convolution algorithm search ({@code --cudnn-search}). */
    public enum CudnnSearch {
        /** benchmark every algorithm on the first run of each shape (fastest steady state, slow first batch, more memory) */
        EXHAUSTIVE,
        /** cuDNN's heuristics, no benchmarking */
        HEURISTIC,
        /** implicit precomputed GEMM always (least memory) */
        DEFAULT;

        /** Parses exhaustive, heuristic or default (case-insensitive). */
        public static CudnnSearch parse(String text) {
            String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
            for (CudnnSearch s : values()) if (s.name().equals(t)) return s;
            throw new UsageException(null, "cudnn_search must be exhaustive, heuristic or default, got '" + text + "'");
        }

        /** As the user writes it. */
        public String cliName() { return name().toLowerCase(Locale.ROOT); }
    }

    public CudaOptions {
        if (gpuMemLimitBytes < 0) throw new UsageException(null, "gpu_mem_limit must not be negative, got " + gpuMemLimitBytes);
        if (cudnnSearch == null) throw new IllegalArgumentException("cudnnSearch is required");
    }

    /** Options from the user's texts: a memory size ({@link #parseBytes}) and a search name. */
    public static CudaOptions parse(String gpuMemLimit, String cudnnSearch) {
        return new CudaOptions(parseBytes(gpuMemLimit), CudnnSearch.parse(cudnnSearch));
    }

    /**
     * Parses a memory size: {@code 0}, {@code none} or {@code unlimited} mean no limit; otherwise a number with an
     * optional binary unit: {@code 1073741824}, {@code 512M}, {@code 8G}, {@code 8GiB}, {@code 1.5g}.
     */
    public static long parseBytes(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("0") || t.equals("none") || t.equals("unlimited")) return 0;
        return ByteSize.parse("gpu_mem_limit", text);
    }

    /** The option keys and values for ONNX Runtime's CUDA provider on {@code deviceId}, in a stable order. */
    public Map<String, String> providerOptions(int deviceId) {
        if (deviceId < 0) throw new IllegalArgumentException("device id must not be negative");
        Map<String, String> m = new LinkedHashMap<>();
        m.put(DEVICE_ID, Integer.toString(deviceId));
        if (gpuMemLimitBytes > 0) m.put(GPU_MEM_LIMIT, Long.toString(gpuMemLimitBytes));
        m.put(CUDNN_CONV_ALGO_SEARCH, cudnnSearch.name());
        return m;
    }

    /** One line for logs and provenance, e.g. "gpu_mem_limit 8 GiB, cudnn_conv_algo_search HEURISTIC". */
    public String summary() {
        return "gpu_mem_limit " + (gpuMemLimitBytes == 0 ? "none" : bytesText(gpuMemLimitBytes)) + ", cudnn_conv_algo_search "
                + cudnnSearch.name();
    }

    /** E.g. "8 GiB", "512 MiB", "1000 B". */
    public static String bytesText(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int i = 0;
        double v = bytes;
        while (v >= 1024 && i < units.length - 1 && (v / 1024) == Math.floor(v / 1024)) {
            v /= 1024;
            i++;
        }
        return (long) v + " " + units[i];
    }
}
