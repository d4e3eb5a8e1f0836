package org.aerolux.core.inference;

import org.aerolux.core.UsageException;
import org.aerolux.core.model.DeviceRequest;

/**
 * How to run a model: the device and the CPU threads per operator.
 *
 * @param device         auto, cpu, gpu or gpu:N
 * @param intraOpThreads threads ONNX Runtime uses inside one operator; 0 = its default (all cores)
 */
public record InferenceOptions(DeviceRequest device, int intraOpThreads) {
    /** auto device, runtime's default threads. */
    public static final InferenceOptions DEFAULT = new InferenceOptions(DeviceRequest.AUTO, 0);

    public InferenceOptions {
        if (device == null) throw new IllegalArgumentException("device is required");
        if (intraOpThreads < 0) throw new UsageException(null, "--threads must be 0 (automatic) or more, got " + intraOpThreads);
    }

    public static InferenceOptions cpu(int threads) { return new InferenceOptions(DeviceRequest.CPU, threads); }

    public InferenceOptions withDevice(DeviceRequest d) { return new InferenceOptions(d, intraOpThreads); }

    public InferenceOptions withThreads(int threads) { return new InferenceOptions(device, threads); }
}
