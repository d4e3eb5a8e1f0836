package org.aerolux.core;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of memory sizes as users type them: a number with an optional binary unit, {@code 1073741824},
 * {@code 512M}, {@code 8g}, {@code 8GiB}, {@code 2.5G}. Messages name the option neutrally, as the caller gives it.
 */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([kmgt]i?b?|b)?");

    private ByteSize() {}

    /**
     * @param option the option's name for the message, e.g. "gpu_mem_limit"
     * @throws UsageException for text that is no size, or one out of range
     */
    public static long parse(String option, String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIZE.matcher(t);
        if (!m.matches()) throw new UsageException(null, option + " must be a size such as 8G, 512M or a number of bytes, got '" + text + "'");
        String unit = m.group(2) == null ? "b" : m.group(2);
        int shift = switch (unit.charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        double bytes = Double.parseDouble(m.group(1)) * (1L << shift);
        if (bytes >= Long.MAX_VALUE || (bytes > 0 && bytes < 1)) throw new UsageException(null, option + " is out of range: '" + text + "'");
        return (long) bytes;
    }
}
