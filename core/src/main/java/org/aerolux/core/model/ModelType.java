package org.aerolux.core.model;

import java.util.Locale;
import java.util.Optional;

/** What a model does: {@code aerolux.model_type}. */
public enum ModelType {
    SEGMENTATION, ENHANCEMENT;

    /** The card spelling: {@code segmentation} or {@code enhancement}. */
    public String cardValue() { return name().toLowerCase(Locale.ROOT); }

    /** Parses the card spelling (case-insensitive). */
    public static Optional<ModelType> fromCard(String text) {
        for (ModelType t : values()) if (t.cardValue().equalsIgnoreCase(text.trim())) return Optional.of(t);
        return Optional.empty();
    }
}
