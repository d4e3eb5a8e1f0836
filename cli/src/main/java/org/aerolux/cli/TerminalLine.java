package org.aerolux.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The drawing both terminal progress displays share ({@link ProgressBar} of segment and calibrate,
 * {@link TerminalProgress} of enhance): one line on stderr redrawn in place, a bar of '#' and '-', and clock times.
 * Shown only when stderr is a terminal and not --quiet.
 */
final class TerminalLine {
    private final PrintWriter err;
    private int lastLength;

    TerminalLine(PrintWriter err) { this.err = err; }

    /** True when a progress line should be drawn: stderr is a terminal and not --quiet. */
    static boolean wanted(boolean quiet) { return !quiet && System.console() != null; }

    /** Redraws the line with {@code text}, blanking what is left of a longer previous one. */
    void draw(String text) {
        err.print("\r" + text + " ".repeat(Math.max(0, lastLength - text.length())));
        err.flush();
        lastLength = text.length();
    }

    /** True when something is drawn on the line. */
    boolean drawn() { return lastLength > 0; }

    /** Keeps the drawn line and moves to the next. */
    void end() {
        if (lastLength > 0) {
            err.println();
            err.flush();
        }
        lastLength = 0;
    }

    /** Blanks the line (before other output). */
    void clear() {
        if (lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            lastLength = 0;
        }
    }

    /** {@code width} characters, '#' for the done fraction, '-' for the rest. */
    static String bar(double fraction, int width) {
        int full = (int) Math.round(fraction * width);
        return "#".repeat(full) + "-".repeat(width - full);
    }

    /** h:mm:ss or m:ss. */
    static String clock(long seconds) {
        long s = Math.max(0, seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
