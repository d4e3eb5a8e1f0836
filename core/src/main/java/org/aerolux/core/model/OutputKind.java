package org.aerolux.core.model;

import java.util.Locale;
import java.util.Optional;

/** What the model's output channels hold: {@code aerolux.output}. */
public enum OutputKind {
    /** Unnormalised class scores (softmax still to apply, after the temperature). */
    LOGITS,
    /** Class probabilities that sum to one per pixel. */
    PROBABILITIES,
    /** An image (enhancement), in the normalised space of the input. */
    IMAGE;

    public String cardValue() { return name().toLowerCase(Locale.ROOT); }

    public static Optional<OutputKind> fromCard(String text) {
        for (OutputKind k : values()) if (k.cardValue().equalsIgnoreCase(text.trim())) return Optional.of(k);
        return Optional.empty();
    }
}
