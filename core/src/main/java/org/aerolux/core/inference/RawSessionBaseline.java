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
 * The benchmark baseline: a bare ONNX Runtime session (no DJL, no tiling) on the CPU with the same session
 * options as the engine, timing only {@code session.run} on tensors made beforehand. Not for production use.
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
