package org.aerolux.core.model;

/**
 * The device a model actually runs on, and why: reported in every run result and provenance file, and logged
 * once when the model loads. A fallback from the requested device is never silent: {@link #reason()} says it.
 *
 * @param requested      what was asked for
 * @param device         what is used: {@code cpu} or {@code gpu:N}
 * @param provider       the ONNX Runtime execution provider, e.g. CPUExecutionProvider, CUDAExecutionProvider
 * @param reason         why this device (e.g. "auto: CUDA execution provider did not load: ...; using CPU")
 * @param runtime        engine and version, e.g. "ONNX Runtime 1.29.0 via DJL 0.38.0"
 * @param intraOpThreads CPU threads per operator (0 = the runtime's default)
 */
public record DeviceReport(DeviceRequest requested, String device, String provider, String reason, String runtime,
                           int intraOpThreads) {
    /** True when the model runs on a GPU. */
    public boolean isGpu() { return device.startsWith("gpu"); }

    /** True when the device differs from an explicit or automatic GPU request. */
    public boolean isFallback() { return requested.kind() == DeviceRequest.Kind.AUTO && !isGpu(); }

    /** One line for logs and progress output, e.g. "cpu (auto: ...)". */
    public String summary() { return device + " [" + provider + "] - " + reason; }
}
