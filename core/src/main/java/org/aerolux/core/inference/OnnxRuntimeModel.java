package org.aerolux.core.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.aerolux.core.DeviceMemoryException;
import org.aerolux.core.ModelException;
import org.aerolux.core.model.DeviceReport;
import org.aerolux.core.model.Model;
import org.aerolux.core.model.ModelCard;
import org.aerolux.core.model.ModelIo;
import org.aerolux.core.model.NchwTensor;

/**
 * A model opened by DJL's OnnxRuntime engine ({@link OnnxModelLoader} makes them). Runs batches of NCHW float
 * tiles; a model with a fixed batch size is fed in chunks of that size, the last one zero-padded.
 */
public final class OnnxRuntimeModel implements Model {
    private final Path file;
    private final ModelCard card;
    private final ModelIo io;
    private final DeviceReport device;
    private final ai.djl.Model djlModel;
    private final SessionOptions sessionOptions;
    private volatile boolean closed;
    private FloatBuffer staging;

    OnnxRuntimeModel(Path file, ModelCard card, ModelIo io, DeviceReport device, ai.djl.Model djlModel,
                     SessionOptions sessionOptions) {
        this.file = file;
        this.card = card;
        this.io = io;
        this.device = device;
        this.djlModel = djlModel;
        this.sessionOptions = sessionOptions;
    }

    @Override
    public ModelCard card() { return card; }

    @Override
    public DeviceReport device() { return device; }

    @Override
    public int inputChannels() { return io.inputChannels(); }

    @Override
    public int outputChannels() { return io.outputChannels(); }

    @Override
    public int fixedTileSize() { return io.fixedSize(); }

    /** The checked input/output description. */
    public ModelIo io() { return io; }

    /** The ONNX file. */
    public Path file() { return file; }

    @Override
    public NchwTensor run(NchwTensor batch) {
        if (closed) throw new IllegalStateException("model is closed");
        if (batch.c() != io.inputChannels())
            throw new ModelException(file, "batch has " + batch.c() + " channels, the model takes " + io.inputChannels());
        if (io.fixedSize() > 0 && (batch.h() != io.fixedSize() || batch.w() != io.fixedSize()))
            throw new ModelException(file, "the model takes " + io.fixedSize() + "x" + io.fixedSize() + " tiles, got "
                    + batch.h() + "x" + batch.w());
        int chunk = io.fixedBatch() > 0 ? io.fixedBatch() : batch.n();
        if (chunk == batch.n()) return runChunk(batch);
        NchwTensor out = NchwTensor.zeros(batch.n(), io.outputChannels(), batch.h(), batch.w());
        for (int start = 0; start < batch.n(); start += chunk) {
            int count = Math.min(chunk, batch.n() - start);
            NchwTensor part = NchwTensor.zeros(chunk, batch.c(), batch.h(), batch.w());
            System.arraycopy(batch.data(), start * batch.imageSize(), part.data(), 0, count * batch.imageSize());
            NchwTensor result = runChunk(part);
            System.arraycopy(result.data(), 0, out.data(), start * out.imageSize(), count * out.imageSize());
        }
        return out;
    }

    private NchwTensor runChunk(NchwTensor batch) {
        try (NDManager manager = djlModel.getNDManager().newSubManager()) {
            NDArray input = manager.create(staged(batch.data()), new Shape(batch.n(), batch.c(), batch.h(), batch.w()));
            input.setName(io.inputName());
            NDList outputs = djlModel.getBlock().forward(new ParameterStore(manager, false), new NDList(input), false);
            NDArray output = pick(outputs);
            long[] s = output.getShape().getShape();
            if (s.length != 4 || s[0] != batch.n() || s[1] != io.outputChannels() || s[2] != batch.h() || s[3] != batch.w())
                throw new ModelException(file, "model output " + output.getShape() + " for input " + batch.shapeText()
                        + "; expected " + batch.n() + "x" + io.outputChannels() + "x" + batch.h() + "x" + batch.w());
            return new NchwTensor(output.toFloatArray(), batch.n(), io.outputChannels(), batch.h(), batch.w());
        } catch (ModelException | DeviceMemoryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(file, batch, e);
        }
    }

    /**
     * What a failure of ONNX Runtime on {@code batch} becomes: {@link DeviceMemoryException} when the device ran out
     * of memory (the pipeline backs off), else {@link ModelException}.
     */
    static RuntimeException failure(Path file, NchwTensor batch, RuntimeException e) {
        if (OrtMessages.isOutOfMemory(e))
            return new DeviceMemoryException(file, "out of device memory on a " + batch.shapeText() + " batch ("
                    + OrtMessages.outOfMemoryDetail(e) + ")", e);
        return new ModelException(file, "ONNX Runtime failed on a " + batch.shapeText() + " batch: " + OrtMessages.oneLine(e), e);
    }

    /**
     * Copies the batch into a reused direct buffer, which ONNX Runtime reads in place (a heap buffer would make it
     * allocate and fill a new direct buffer per call).
     */
    private FloatBuffer staged(float[] data) {
        if (staging == null || staging.capacity() < data.length)
            staging = ByteBuffer.allocateDirect(data.length * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        staging.clear();
        staging.put(data);
        staging.flip();
        return staging;
    }

    private NDArray pick(NDList outputs) {
        for (NDArray a : outputs) if (io.outputName().equals(a.getName())) return a;
        if (outputs.isEmpty()) throw new ModelException(file, "the model returned no output");
        return outputs.get(0);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            djlModel.close();
        } finally {
            sessionOptions.close();
        }
    }
}
