package org.aerolux.enhancement;

import java.util.Locale;
import org.aerolux.core.UsageException;

/** How the model covers the image: the whole image in one pass, or large feathered tiles; auto picks by memory. */
public enum EnhancementMode {
    /** Whole image when its activations fit the memory budget, else tiled. */
    AUTO,
    /** One pass over the whole image (mirror-extended by a margin on every side): the model's own result. */
    WHOLE,
    /** Large tiles with wide, cosine-feathered overlap: bounded memory, a measured gap to the whole-image result. */
    TILED;

    /** Parses auto, whole or tiled (case-insensitive); anything else is a usage error. */
    public static EnhancementMode parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "auto" -> AUTO;
            case "whole", "whole-image" -> WHOLE;
            case "tiled", "tiles" -> TILED;
            default -> throw new UsageException(null, "--mode must be auto, whole or tiled, got '" + text + "'");
        };
    }

    /** As users type it. */
    public String cliName() { return name().toLowerCase(Locale.ROOT); }
}
