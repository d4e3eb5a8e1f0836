package org.aerolux.core.inference;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;

/**
 * Builds ONNX Runtime session options for AeroLux. Never registers a custom-operator library (that would load
 * native code named by the model's user). The CUDA provider is added through {@link #addCuda} so that provider
 * options (device id, arena limit, cuDNN convolution search) can be set there later via OrtCUDAProviderOptions.
 */
final class SessionOptionsFactory {
    private SessionOptionsFactory() {}

    static SessionOptions cpu(int intraOpThreads) throws OrtException {
        SessionOptions options = new SessionOptions();
        try {
            options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
            if (intraOpThreads > 0) options.setIntraOpNumThreads(intraOpThreads);
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /** Adds the CUDA execution provider; throws when this build or machine cannot provide it. */
    static void addCuda(SessionOptions options, int deviceId) throws OrtException {
        options.addCUDA(deviceId);
    }
}
