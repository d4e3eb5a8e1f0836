package org.aerolux.core.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One class of a segmentation model.
 *
 * @param name  the class name
 * @param color its display colour as {@code #rrggbb} (lower case)
 */
public record ClassInfo(String name, String color) {
    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");

    public ClassInfo {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a class needs a name");
        if (color == null || !HEX.matcher(color).matches())
            throw new IllegalArgumentException("class colour must be #rrggbb, got " + color);
        color = color.toLowerCase(Locale.ROOT);
    }

    /** True when the text is a {@code #rrggbb} colour. */
    public static boolean isColor(String text) { return text != null && HEX.matcher(text).matches(); }

    /** The colour as 0xRRGGBB. */
    public int rgb() { return Integer.parseInt(color.substring(1), 16); }
}
