package org.aerolux.core.inference;

/** Turns engine exception messages into one short line for users. */
final class OrtMessages {
    private OrtMessages() {}

    /**
     * True when an engine failure says the device ran out of memory: the BFC arena ("Failed to allocate memory for
     * requested buffer", "Available memory of X is smaller than requested bytes of Y" when gpu_mem_limit is reached),
     * CUDA ("CUDA failure 2: out of memory", cudaErrorMemoryAllocation), cuDNN/cuBLAS ("..._STATUS_ALLOC_FAILED").
     * The whole cause chain is searched (DJL wraps ONNX Runtime's OrtException).
     */
    static boolean isOutOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m == null) continue;
            String l = m.toLowerCase(java.util.Locale.ROOT);
            if (l.contains("failed to allocate memory") || l.contains("is smaller than requested bytes") || l.contains("out of memory")
                    || l.contains("cudaerrormemoryallocation") || l.contains("status_alloc_failed"))
                return true;
            if (c.getCause() == c) break;
        }
        return false;
    }

    private static final java.util.regex.Pattern OOM_DETAIL = java.util.regex.Pattern.compile(
            "Available memory of \\d+ is smaller than requested bytes of \\d+|Failed to allocate memory for requested buffer of size \\d+"
                    + "|CUDA failure \\d+: out of memory|\\w+_STATUS_ALLOC_FAILED|cudaErrorMemoryAllocation|out of memory",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /** The telling part of an out-of-memory failure, e.g. "Available memory of 0 is smaller than requested bytes of 12582912". */
    static String outOfMemoryDetail(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() == null) continue;
            java.util.regex.Matcher m = OOM_DETAIL.matcher(c.getMessage());
            if (m.find()) return m.group();
            if (c.getCause() == c) break;
        }
        return oneLine(t);
    }

    private static final java.util.regex.Pattern ORT_PREFIX = java.util.regex.Pattern.compile(
            "(?s).*\\[ONNXRuntimeError\\] : \\d+ : \\w+ : ");

    /**
     * ONNX Runtime's messages start with the Java error code, the C++ source file and function ("Error code - ORT_FAIL -
     * message: /onnxruntime_src/...cc:1988 onnxruntime::Provider&amp; ...Get() [ONNXRuntimeError] : 1 : FAIL : "): the
     * user needs what follows, e.g. "Failed to load library libonnxruntime_providers_cuda.so with error:
     * libcublasLt.so.12: cannot open shared object file". The temporary folder ONNX Runtime extracts its libraries to
     * is left out too.
     */
    static String withoutSourceLocation(String msg) {
        String m = ORT_PREFIX.matcher(msg).replaceFirst("");
        m = m.replaceFirst("^Error code - ORT_\\w+ - message: ", "");
        return m.replaceAll("/\\S*/onnxruntime-java\\d+/", "");
    }

    static String oneLine(Throwable t) {
        Throwable root = t;
        String msg = null;
        for (int i = 0; root != null && i < 8; i++, root = root.getCause()) {
            if (root.getMessage() != null && !root.getMessage().isBlank()) msg = root.getMessage();
        }
        if (msg == null) msg = t.getClass().getSimpleName();
        String line = withoutSourceLocation(msg).replaceAll("\\s+", " ").trim();
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }
}
