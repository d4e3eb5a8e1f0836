package org.aerolux.segmentation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
        try {
            Path model = dir.resolve("dominant.onnx");
            Files.copy(TestModels.identity(), model);
            Files.writeString(dir.resolve("dominant.onnx.json"), """
                    {"aerolux.model_type": "segmentation", "aerolux.name": "dominant-test",
                     "aerolux.classes": [{"name": "red", "color": "#ff0000"}, {"name": "green", "color": "#00ff00"},
                                         {"name": "blue", "color": "#0000ff"}],
                     "aerolux.output": "logits", "aerolux.scale": %s, "aerolux.tile_size": %d, "aerolux.overlap": %d,
                     "aerolux.size_multiple": %d, "aerolux.temperature": %s}
                    """.formatted(scale, tile, overlap, multiple, temperature));
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dominant model with tile 32, overlap 8, multiple 8, scale 25.5, T 1. */
    static Path dominant(Path dir) { return dominant(dir, 32, 8, 8, 25.5, 1.0); }
}
