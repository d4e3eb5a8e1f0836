package org.aerolux.core.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aerolux.core.ModelException;
import org.aerolux.core.model.NchwTensor;

/**
 * The benchmark baseline: a bare ONNX Runtime session (no DJL, no tiling) on the CPU, or on CUDA with the engine's
 * provider options, with the same session options as the engine, timing only {@code session.run} on tensors made
 * beforehand. Not for production use.
 */
public final class RawSessionBaseline implements AutoCloseable {
    private final OrtEnvironment env;
    private final SessionOptions options;
    private final OrtSession session;
    private final String inputName;

    private RawSessionBaseline(OrtEnvironment env, SessionOptions options, OrtSession session) throws OrtException {
        this.env = env;
        this.options = options;
        this.session = session;
        this.inputName = session.getInputNames().iterator().next();
    }

    /** Opens the model on the CPU with {@code intraOpThreads} (0 = runtime default), like {@link OnnxModelLoader}. */
    public static RawSessionBaseline open(Path model, int intraOpThreads) {
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            SessionOptions options = SessionOptionsFactory.cpu(intraOpThreads);
            return new RawSessionBaseline(env, options, env.createSession(model.toString(), options));
        } catch (OrtException e) {
            throw new ModelException(model, "ONNX Runtime cannot load the model: " + OrtMessages.oneLine(e), e);
        }
    }

    /**
     * Opens the model on CUDA device {@code deviceId} with {@code cuda}'s provider options (as the engine would).
     *
     * @throws org.aerolux.core.DeviceException when the CUDA provider cannot be used (exit 5)
     */
    public static RawSessionBaseline openCuda(Path model, int deviceId, CudaOptions cuda) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        SessionOptions options;
        try {
            options = SessionOptionsFactory.cpu(0);
        } catch (OrtException e) {
            throw new org.aerolux.core.DeviceException(model, "ONNX Runtime cannot start: " + OrtMessages.oneLine(e), e);
        }
        try {
            SessionOptionsFactory.addCuda(options, deviceId, cuda);
        } catch (OrtException | RuntimeException | LinkageError e) {
            options.close();
            throw new org.aerolux.core.DeviceException(model, "CUDA device " + deviceId + " cannot be used: " + OrtMessages.oneLine(e), e);
        }
        try {
            return new RawSessionBaseline(env, options, env.createSession(model.toString(), options));
        } catch (OrtException e) {
            options.close();
            throw new ModelException(model, "ONNX Runtime cannot load the model on CUDA: " + OrtMessages.oneLine(e), e);
        }
    }

    /** Runs one batch and returns the first output (N x C x H x W), e.g. to compare devices. */
    public NchwTensor run(NchwTensor batch) {
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch.data()), new long[] {batch.n(), batch.c(), batch.h(), batch.w()});
             OrtSession.Result result = session.run(Map.of(inputName, in))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            long[] s = out.getInfo().getShape();
            FloatBuffer fb = out.getFloatBuffer();
            float[] data = new float[fb.remaining()];
            fb.get(data);
            return new NchwTensor(data, (int) s[0], (int) s[1], (int) s[2], (int) s[3]);
        } catch (OrtException e) {
            throw new ModelException(null, "ONNX Runtime failed in the baseline: " + OrtMessages.oneLine(e), e);
        }
    }

    /**
     * Runs every batch {@code repeats} times through {@code session.run} and returns tiles per second. Input
     * tensors are created before the clock starts; the output is read back into a float array (as any user of
     * the result must).
     */
    public double tilesPerSecond(List<NchwTensor> batches, int repeats) {
        List<OnnxTensor> tensors = new ArrayList<>();
        try {
            long tiles = 0;
            for (NchwTensor b : batches)
                tensors.add(OnnxTensor.createTensor(env, FloatBuffer.wrap(b.data()), new long[] {b.n(), b.c(), b.h(), b.w()}));
            long start = System.nanoTime();
            double checksum = 0;
            for (int r = 0; r < repeats; r++) {
                for (int i = 0; i < tensors.size(); i++) {
                    try (OrtSession.Result result = session.run(Map.of(inputName, tensors.get(i)))) {
                        OnnxValue out = result.get(0);
                        FloatBuffer fb = ((OnnxTensor) out).getFloatBuffer();
                        checksum += fb.get(0);
                    }
                    tiles += batches.get(i).n();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (Double.isNaN(checksum)) throw new IllegalStateException("NaN output");
            return tiles / seconds;
        } catch (OrtException e) {
            throw new ModelException(null, "ONNX Runtime failed in the baseline: " + OrtMessages.oneLine(e), e);
        } finally {
            tensors.forEach(OnnxTensor::close);
        }
    }

    /** "ONNX Runtime x.y.z". */
    public String version() { return "ONNX Runtime " + env.getVersion(); }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // closing a session only fails if already closed
        } finally {
            options.close();
        }
    }
}
