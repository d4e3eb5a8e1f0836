package org.aerolux.core.pipeline;

import java.util.List;
import org.aerolux.core.model.ModelCard;

/**
 * Per-band input normalisation, computed in float exactly as written: {@code (raw / scale - mean[b]) / std[b]}.
 */
public record Normalisation(float scale, float[] mean, float[] std) {
    public Normalisation {
        if (mean.length != std.length) throw new IllegalArgumentException("mean and std need one value per band");
        if (!(scale > 0) || !Float.isFinite(scale)) throw new IllegalArgumentException("scale must be positive: " + scale);
        mean = mean.clone();
        std = std.clone();
        for (float s : std) if (s == 0 || !Float.isFinite(s)) throw new IllegalArgumentException("std must be finite and non-zero");
    }

    /** The card's scale, mean and std. */
    public static Normalisation of(ModelCard card) {
        return new Normalisation((float) card.scale(), floats(card.mean()), floats(card.std()));
    }

    /** No change: scale 1, mean 0, std 1 for {@code bands} bands. */
    public static Normalisation identity(int bands) {
        float[] ones = new float[bands];
        java.util.Arrays.fill(ones, 1f);
        return new Normalisation(1f, new float[bands], ones);
    }

    public int bands() { return mean.length; }

    /** The normalised value of a raw value of model band {@code band}. */
    public float apply(float raw, int band) { return (raw / scale - mean[band]) / std[band]; }

    private static float[] floats(List<Double> values) {
        float[] f = new float[values.size()];
        for (int i = 0; i < f.length; i++) f[i] = values.get(i).floatValue();
        return f;
    }
}
