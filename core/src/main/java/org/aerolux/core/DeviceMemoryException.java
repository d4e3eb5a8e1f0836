package org.aerolux.core;

import java.nio.file.Path;

/**
 * The device ran out of memory on a batch (ONNX Runtime's CUDA arena or cudaMalloc failed). The tiled pipeline
 * answers it by halving the batch, then shrinking tiles; it reaches the user (exit code 5, a device error) only
 * when even one small tile does not fit.
 */
public class DeviceMemoryException extends DeviceException {
    public DeviceMemoryException(Path file, String problem, Throwable cause) { super(file, problem, cause); }
}
