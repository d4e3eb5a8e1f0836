"""AeroLux model tooling: method definitions, training, ONNX export with model cards, parity fixtures."""
