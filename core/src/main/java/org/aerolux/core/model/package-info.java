/**
 * Models without an inference engine: the {@link org.aerolux.core.model.ModelCard} (read from ONNX
 * {@code metadata_props} by a small protobuf reader, a JSON sidecar and Deepness-style keys), the declared
 * input/output shapes ({@link org.aerolux.core.model.ModelIo}), the registry with sha256 checks, device requests
 * and reports, and the {@link org.aerolux.core.model.Model} seam the pipeline runs. No DJL or ONNX Runtime here.
 */
package org.aerolux.core.model;
