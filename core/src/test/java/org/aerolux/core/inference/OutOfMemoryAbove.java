package org.aerolux.core.inference;

import ai.djl.engine.EngineException;
import ai.onnxruntime.OrtException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.aerolux.core.model.Model;
import org.aerolux.core.model.NchwTensor;
import org.aerolux.core.testing.CountingModel;

/**
 * Fault injection around a REAL model: a batch with more than {@code maxTiles} tiles, or tiles of more than
 * {@code maxTilePixels} pixels, fails the way ONNX Runtime's CUDA arena fails when it runs out of memory (an
 * {@link OrtException} with the BFC arena's message, wrapped by DJL in an {@link EngineException}), translated by
 * the same code that translates real engine failures ({@link OnnxRuntimeModel#failure}). Every other batch runs
 * the real model. The sizes of all calls are recorded.
 */
public final class OutOfMemoryAbove extends CountingModel {
    /** The message ONNX Runtime 1.2x gives when the CUDA arena (gpu_mem_limit) is exhausted. */
    static final String ARENA_MESSAGE = "Non-zero status code returned while running Conv node. Name:'/conv/Conv' Status Message:"
            + " /onnxruntime_src/onnxruntime/core/framework/bfc_arena.cc:376 void* onnxruntime::BFCArena::AllocateRawInternal("
            + "size_t, bool, onnxruntime::Stream*, bool, onnxruntime::WaitNotificationFn) Available memory of 0 is smaller than"
            + " requested bytes of 12582912";
    private final int maxTiles;
    private final long maxTilePixels;
    /** Every call: tiles x height x width, and whether it failed. */
    public final List<String> log = new CopyOnWriteArrayList<>();

    public OutOfMemoryAbove(Model real, int maxTiles, long maxTilePixels) {
        super(real);
        this.maxTiles = maxTiles;
        this.maxTilePixels = maxTilePixels;
    }

    @Override
    public NchwTensor run(NchwTensor batch) {
        boolean fails = batch.n() > maxTiles || (long) batch.h() * batch.w() > maxTilePixels;
        log.add(batch.n() + "x" + batch.h() + "x" + batch.w() + (fails ? " oom" : ""));
        if (fails)
            throw OnnxRuntimeModel.failure(null, batch, new EngineException(
                    new OrtException(OrtException.OrtErrorCode.ORT_RUNTIME_EXCEPTION, ARENA_MESSAGE)));
        return super.run(batch);
    }
}
