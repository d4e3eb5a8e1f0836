package org.aerolux.plugins;

import ij.measure.ResultsTable;
import java.awt.GraphicsEnvironment;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AeroLux's own result tables ({@code AeroLux Areas}, {@code AeroLux Calibration}): never ImageJ's "Results"
 * table, which belongs to the user's measurements. With a display a table is a window of its title, which macros
 * read with {@code Table.get(column, row, title)}. Headless ImageJ shows no table windows at all, so the last
 * table of each title is also kept here, for macros to read with
 * {@code call("org.aerolux.plugins.Tables.get", title, column, row)} (and {@code Tables.size}).
 */
public final class Tables {
    private static final Map<String, ResultsTable> LAST = new ConcurrentHashMap<>();

    private Tables() {}

    /** Shows {@code table} in a window titled {@code title} (replacing its contents) and keeps it for {@link #get}. */
    static void show(ResultsTable table, String title) {
        LAST.put(title, table);
        if (!GraphicsEnvironment.isHeadless()) table.show(title);
    }

    /**
     * A value of the last table shown with this title, as text ("" when there is none): for macros, e.g.
     * {@code call("org.aerolux.plugins.Tables.get", "AeroLux Areas", "pixels", "1")}.
     */
    public static String get(String title, String column, String row) {
        ResultsTable t = LAST.get(title);
        if (t == null) return "";
        int r;
        try {
            r = Integer.parseInt(row.trim());
        } catch (NumberFormatException e) {
            return "";
        }
        if (r < 0 || r >= t.size() || !t.columnExists(column)) return "";
        return t.getStringValue(column, r);
    }

    /** The number of rows of the last table shown with this title, as text ("0" when there is none). */
    public static String size(String title) {
        ResultsTable t = LAST.get(title);
        return Integer.toString(t == null ? 0 : t.size());
    }
}
