package org.aerolux.core.inference;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import java.util.Map;

/**
 * Builds ONNX Runtime session options for AeroLux. Never registers a custom-operator library (that would load
 * native code named by the model's user). The CUDA provider is added through {@link #addCuda} with its provider
 * options (device id, arena limit, cuDNN convolution search; see {@link CudaOptions#providerOptions}) set through
 * {@code OrtCUDAProviderOptions}.
 */
final class SessionOptionsFactory {
    private SessionOptionsFactory() {}

    static SessionOptions cpu(int intraOpThreads) throws OrtException {
        SessionOptions options = new SessionOptions();
        try {
            options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
            if (intraOpThreads > 0) options.setIntraOpNumThreads(intraOpThreads);
            // ONNX Runtime's pool threads otherwise spin after each run, taking the cores from the tile reader, the
            // softmax and the writers that run between model calls (on 2 cores the model ran 2x slower in a pipeline)
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /** Adds the CUDA execution provider with {@code cuda}'s tuning; throws when this build or machine cannot provide it. */
    static void addCuda(SessionOptions options, int deviceId, CudaOptions cuda) throws OrtException {
        // the session options copy the provider options into the provider factory, so they can be closed here
        try (OrtCUDAProviderOptions provider = new OrtCUDAProviderOptions(deviceId)) {
            for (Map.Entry<String, String> e : cuda.providerOptions(deviceId).entrySet())
                if (!e.getKey().equals(CudaOptions.DEVICE_ID)) provider.add(e.getKey(), e.getValue());
            options.addCUDA(provider);
        }
    }
}
