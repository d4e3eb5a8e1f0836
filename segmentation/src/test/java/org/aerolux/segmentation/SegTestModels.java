package org.aerolux.segmentation;

import java.nio.file.Path;
import org.aerolux.core.testing.TestModels;

/**
 * Segmentation models for tests made from the engine's real ONNX fixtures plus a card sidecar (MODEL.onnx.json):
 * "dominant" is identity.onnx (y = x) read as 3-class logits, so the class of a pixel is its brightest band and its
 * probabilities are softmax(x / scale / T); it is pointwise, so every tiling gives the untiled result.
 */
final class SegTestModels {
    private SegTestModels() {}

    /** identity.onnx as a 3-class segmentation model (classes red, green, blue) in {@code dir}. */
    static Path dominant(Path dir, int tile, int overlap, int multiple, double scale, double temperature) {
        return TestModels.dominant(dir, "red", "#ff0000", tile, overlap, multiple, scale, temperature);
    }

    /** The dominant model with tile 32, overlap 8, multiple 8, scale 25.5, T 1. */
    static Path dominant(Path dir) { return dominant(dir, 32, 8, 8, 25.5, 1.0); }
}
