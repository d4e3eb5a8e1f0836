package org.aerolux.calibration;

/** What the per-class scores of a {@link PixelBlock} are. */
public enum ScoreKind {
    /** Raw network outputs z; probabilities are softmax(z), computed here in double precision. */
    LOGITS,
    /** Probabilities that already sum to one per pixel (e.g. a blended softmax raster); used as given. */
    PROBABILITIES
}
