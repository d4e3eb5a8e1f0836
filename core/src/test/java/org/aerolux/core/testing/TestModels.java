package org.aerolux.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The tiny ONNX fixtures of models/test (made by models/make_test_models.py). */
public final class TestModels {
    private TestModels() {}

    public static Path dir() { return SharedData.repo().resolve("models").resolve("test"); }

    /** A fixture by file name; fails loudly when absent. */
    public static Path get(String name) {
        Path p = dir().resolve(name);
        if (!Files.isRegularFile(p))
            throw new IllegalStateException("test model " + p + " missing; run /usr/bin/python3 models/make_test_models.py");
        return p;
    }

    public static Path identity() { return get("identity.onnx"); }

    public static Path conv3x3() { return get("conv3x3.onnx"); }

    public static Path missingKey() { return get("missing_key.onnx"); }

    public static Path wrongRank() { return get("wrong_rank.onnx"); }

    public static Path deepness() { return get("deepness.onnx"); }

    /** models/fixtures/NAME/... */
    public static Path fixtures(String model) { return SharedData.repo().resolve("models").resolve("fixtures").resolve(model); }

    /**
     * identity.onnx (y = x) read as a 3-class segmentation model through a card sidecar in {@code dir}: the class of a
     * pixel is its brightest band, probabilities softmax(x / scale / T); pointwise, so every tiling gives the untiled
     * result. Classes: {@code firstClass} (colour {@code firstColor}), green, blue.
     */
    public static Path dominant(Path dir, String firstClass, String firstColor, int tile, int overlap, int multiple, double scale,
                                double temperature) {
        try {
            Files.createDirectories(dir);
            Path model = dir.resolve("dominant.onnx");
            Files.copy(identity(), model);
            Files.writeString(dir.resolve("dominant.onnx.json"), """
                    {"aerolux.model_type": "segmentation", "aerolux.name": "dominant-test",
                     "aerolux.classes": [{"name": "%s", "color": "%s"}, {"name": "green", "color": "#00ff00"},
                                         {"name": "blue", "color": "#0000ff"}],
                     "aerolux.output": "logits", "aerolux.scale": %s, "aerolux.tile_size": %d, "aerolux.overlap": %d,
                     "aerolux.size_multiple": %d, "aerolux.temperature": %s}
                    """.formatted(firstClass, firstColor, scale, tile, overlap, multiple, temperature));
            return model;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
