package org.aerolux.core.model;

import java.util.Arrays;
import java.util.Locale;
import org.aerolux.core.UsageException;

/**
 * A list of 1-based band numbers, and the one parser of band lists as users type them: {@code 3,2,1} (or
 * {@code 3 2 1}).
 */
public record BandList(int[] oneBased) {
    public BandList {
        oneBased = oneBased.clone();
    }

    /** The band numbers (a copy). */
    @Override
    public int[] oneBased() { return oneBased.clone(); }

    @Override
    public boolean equals(Object o) { return o instanceof BandList b && Arrays.equals(oneBased, b.oneBased); }

    @Override
    public int hashCode() { return Arrays.hashCode(oneBased); }

    @Override
    public String toString() { return String.join(",", Arrays.stream(oneBased).mapToObj(Integer::toString).toList()); }

    /**
     * @return the 1-based bands; null for {@code default}, {@code auto} or nothing (the method's default)
     * @throws UsageException naming the option neutrally ("bands") for anything else
     */
    public static int[] parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("default") || t.equals("auto")) return null;
        try {
            int[] b = Arrays.stream(t.split("[,\\s]+")).mapToInt(Integer::parseInt).toArray();
            if (b.length == 0) throw new NumberFormatException();
            return b;
        } catch (NumberFormatException e) {
            throw new UsageException(null, "bands must be band numbers such as 3,2,1 (or default), got '" + text + "'");
        }
    }
}
