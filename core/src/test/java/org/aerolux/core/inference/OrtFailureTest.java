package org.aerolux.core.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import ai.onnxruntime.OrtException;
import org.aerolux.core.DeviceMemoryException;
import org.aerolux.core.ExitCode;
import org.aerolux.core.ModelException;
import org.aerolux.core.model.NchwTensor;
import org.junit.jupiter.api.Test;

/** Engine failures are told apart: out of device memory (the pipeline backs off) versus any other model failure. */
class OrtFailureTest {
    static RuntimeException wrapped(String message) {
        return new EngineException(new OrtException(OrtException.OrtErrorCode.ORT_RUNTIME_EXCEPTION, message));
    }

    @Test
    void outOfMemoryMessagesOfTheArenaCudaAndCudnnAreRecognised() {
        String[] oom = {OutOfMemoryAbove.ARENA_MESSAGE,
                "Failed to allocate memory for requested buffer of size 1073741824",
                "CUDA failure 2: out of memory ; GPU=0 ; hostname=x ; file=cuda_allocator.cc ; line=48 ; expr=cudaMalloc((void**)&p, size);",
                "CUDNN failure 2: CUDNN_STATUS_ALLOC_FAILED ; GPU=0",
                "CUBLAS failure 3: CUBLAS_STATUS_ALLOC_FAILED"};
        for (String m : oom) assertTrue(OrtMessages.isOutOfMemory(wrapped(m)), m);
        String[] other = {"Got invalid dimensions for input: input for the following indices index: 1 Got: 4 Expected: 3",
                "CUDA failure 100: no CUDA-capable device is detected", "Failed to find CUDA shared provider", "memory pattern"};
        for (String m : other) assertFalse(OrtMessages.isOutOfMemory(wrapped(m)), m);
        assertFalse(OrtMessages.isOutOfMemory(new RuntimeException((String) null)));
    }

    @Test
    void onnxRuntimesSourceLocationIsLeftOutOfOneLineMessages() {
        // the message ONNX Runtime 1.29 gives (seen here with -Pgpu) when the CUDA provider's libraries are missing
        String seen = "Error code - ORT_FAIL - message: /onnxruntime_src/onnxruntime/core/session/provider_bridge_ort.cc:1988"
                + " onnxruntime::Provider& onnxruntime::ProviderLibrary::Get() [ONNXRuntimeError] : 1 : FAIL : Failed to load library"
                + " /tmp/onnxruntime-java14506711288989577749/libonnxruntime_providers_cuda.so with error: libcublasLt.so.12: cannot open"
                + " shared object file: No such file or directory";
        assertEquals("Failed to load library libonnxruntime_providers_cuda.so with error: libcublasLt.so.12: cannot open shared object"
                + " file: No such file or directory", OrtMessages.oneLine(new EngineException(new OrtException(seen))));
        assertEquals("Failed to find CUDA shared provider", OrtMessages.oneLine(new OrtException(
                OrtException.OrtErrorCode.ORT_EP_FAIL, "Failed to find CUDA shared provider")));
        assertEquals("plain message", OrtMessages.oneLine(new RuntimeException("plain  message")));
    }

    @Test
    void anOutOfMemoryFailureIsADeviceErrorAndOthersAreModelErrors() {
        NchwTensor batch = NchwTensor.zeros(4, 3, 32, 32);
        RuntimeException oom = OnnxRuntimeModel.failure(null, batch, wrapped(OutOfMemoryAbove.ARENA_MESSAGE));
        assertInstanceOf(DeviceMemoryException.class, oom);
        assertEquals(ExitCode.DEVICE, ((DeviceMemoryException) oom).exitCode());
        assertEquals("out of device memory on a 4x3x32x32 batch (Available memory of 0 is smaller than requested bytes of 12582912)",
                oom.getMessage());
        assertEquals("CUDA failure 2: out of memory", OrtMessages.outOfMemoryDetail(wrapped("CUDA failure 2: out of memory ; GPU=0 ; x")));
        RuntimeException other = OnnxRuntimeModel.failure(null, batch, wrapped("Got invalid dimensions for input"));
        assertInstanceOf(ModelException.class, other);
        assertEquals(ExitCode.BAD_MODEL, ((ModelException) other).exitCode());
    }
}
