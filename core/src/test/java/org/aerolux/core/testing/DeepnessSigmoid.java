package org.aerolux.core.testing;

import java.nio.file.Path;

/**
 * models/test/deepness_sigmoid.onnx, a binary model in Deepness' single-channel sigmoid form (one output channel,
 * class_names {0: "field"}, seg_thresh 0.7), and its definition (make_test_models.py's PointwiseSigmoid): the
 * foreground probability of a pixel is sigmoid(4 r + 2 g - 2 b + 1.85) of its card-normalised bands
 * (raw / 255 - 0.5) / 0.25. Pointwise, so any tiling gives exactly this: an oracle independent of the engine.
 */
public final class DeepnessSigmoid {
    /** The card's seg_thresh. */
    public static final double THRESHOLD = 0.7;
    /** The one class the card names (the foreground). */
    public static final String FOREGROUND = "field";

    private DeepnessSigmoid() {}

    public static Path model() { return TestModels.get("deepness_sigmoid.onnx"); }

    /** The model's output for raw 8-bit red, green and blue values. */
    public static double probability(double red, double green, double blue) {
        return sigmoid(4.0 * normalised(red) + 2.0 * normalised(green) - 2.0 * normalised(blue) + 1.85);
    }

    /** The label AeroLux must give: 1 (foreground) where the probability is at least the threshold. */
    public static int label(double red, double green, double blue) {
        return probability(red, green, blue) >= THRESHOLD ? 1 : 0;
    }

    public static double sigmoid(double z) { return 1 / (1 + Math.exp(-z)); }

    private static double normalised(double raw) { return (raw / 255.0 - 0.5) / 0.25; }
}
