package org.aerolux.segmentation;

import java.util.Locale;
import org.aerolux.core.UsageException;

/**
 * {@code --resample auto|off} (Fiji key {@code resample}): whether a run whose input ground resolution differs
 * from the model card's {@code aerolux.resolution_m} by more than {@link ResolutionPlan#TOLERANCE} runs the model on
 * a grid at the model's resolution ({@link #AUTO}, the default) or on the input's pixels as they are ({@link #OFF}).
 */
public enum Resample {
    AUTO, OFF;

    /** The word users type. */
    public String cliName() { return name().toLowerCase(Locale.ROOT); }

    /** Parses {@code auto} or {@code off} (any case). */
    public static Resample parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Resample r : values()) if (r.cliName().equals(t)) return r;
        throw new UsageException(null, "--resample must be auto or off, got '" + text + "'");
    }
}
