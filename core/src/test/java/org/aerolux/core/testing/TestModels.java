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
}
