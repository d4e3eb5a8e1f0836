/**
 * The only package that touches DJL and ONNX Runtime: {@link org.aerolux.core.inference.OnnxModelLoader} opens
 * an ONNX file (offline, on the requested device, with typed errors) as an
 * {@link org.aerolux.core.inference.OnnxRuntimeModel}; {@link org.aerolux.core.inference.RawSessionBaseline} is
 * the bare {@code session.run} baseline for benchmarks.
 */
package org.aerolux.core.inference;
