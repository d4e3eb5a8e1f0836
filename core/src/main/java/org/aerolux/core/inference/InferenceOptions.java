package org.aerolux.core.inference;

import org.aerolux.core.UsageException;
import org.aerolux.core.model.DeviceRequest;

/**
 * How to run a model: the device, the CPU threads per operator, and the CUDA provider tuning (used only when the
 * model runs on CUDA).
 *
 * @param device         auto, cpu, gpu or gpu:N
 * @param intraOpThreads threads ONNX Runtime uses inside one operator; 0 = its default (all cores)
 * @param cuda           CUDA arena limit and cuDNN search
 */
public record InferenceOptions(DeviceRequest device, int intraOpThreads, CudaOptions cuda) {
    /** auto device, runtime's default threads. */
    public static final InferenceOptions DEFAULT = new InferenceOptions(DeviceRequest.AUTO, 0);

    public InferenceOptions {
        if (device == null) throw new IllegalArgumentException("device is required");
        if (cuda == null) throw new IllegalArgumentException("cuda options are required (CudaOptions.DEFAULT)");
        if (intraOpThreads < 0) throw new UsageException(null, "--threads must be 0 (automatic) or more, got " + intraOpThreads);
    }

    /** With ONNX Runtime's default CUDA tuning. */
    public InferenceOptions(DeviceRequest device, int intraOpThreads) { this(device, intraOpThreads, CudaOptions.DEFAULT); }

    public static InferenceOptions cpu(int threads) { return new InferenceOptions(DeviceRequest.CPU, threads); }

    public InferenceOptions withDevice(DeviceRequest d) { return new InferenceOptions(d, intraOpThreads, cuda); }

    public InferenceOptions withThreads(int threads) { return new InferenceOptions(device, threads, cuda); }

    public InferenceOptions withCuda(CudaOptions c) { return new InferenceOptions(device, intraOpThreads, c); }
}
