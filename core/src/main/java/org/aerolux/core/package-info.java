/**
 * What every part of AeroLux shares: the errors users see ({@link org.aerolux.core.AeroLuxException} and its
 * kinds, each with its {@link org.aerolux.core.ExitCode}) and the one parser of sizes ({@link org.aerolux.core.ByteSize}).
 * The run flow, bottom up: {@code raster} and {@code image} (sources and sinks), {@code tile}, {@code model} and
 * {@code inference} (cards, ONNX Runtime), {@code pipeline} (tiles through the model into sinks), {@code io} (atomic
 * outputs, the output folder) and {@code provenance} (the record of a run).
 * Failures: {@link org.aerolux.core.AeroLuxException} (one line, naming
 * the file) and its kinds, each with its {@link org.aerolux.core.ExitCode}; {@link org.aerolux.core.HeapMemoryException}
 * is the one place an {@link OutOfMemoryError} becomes exit code 6, with what was being done and a heap that would do.
 */
package org.aerolux.core;
