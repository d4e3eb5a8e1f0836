package org.aerolux.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aerolux.core.testing.TestModels;

/**
 * A small segmentation model for the Fiji tests: the engine's real identity.onnx with a card sidecar that reads
 * its three outputs as class logits (classes red, green, blue: a pixel's class is its brightest band). It is
 * pointwise and fast, so tests can use many tiles.
 */
final class TestSegModel {
    private TestSegModel() {}

    static Path in(Path dir) throws IOException {
        Path model = dir.resolve("dominant.onnx");
        if (Files.exists(model)) return model;
        Files.createDirectories(dir);
        Files.copy(TestModels.identity(), model);
        Files.writeString(dir.resolve("dominant.onnx.json"), """
                {"aerolux.model_type": "segmentation", "aerolux.name": "dominant-test", "aerolux.version": "1",
                 "aerolux.classes": [{"name": "red", "color": "#ff0000"}, {"name": "green", "color": "#00ff00"},
                                     {"name": "blue", "color": "#0000ff"}],
                 "aerolux.input_bands": ["red", "green", "blue"], "aerolux.mean": [0, 0, 0], "aerolux.std": [1, 1, 1],
                 "aerolux.output": "logits", "aerolux.scale": 25.5, "aerolux.tile_size": 64, "aerolux.overlap": 16,
                 "aerolux.size_multiple": 8, "aerolux.temperature": 1.0}
                """);
        return model;
    }
}
