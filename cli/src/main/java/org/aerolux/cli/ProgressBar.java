package org.aerolux.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import org.aerolux.core.pipeline.ProgressEvent;
import org.aerolux.core.pipeline.ProgressListener;

/**
 * A one-line progress bar with elapsed time and ETA, redrawn in place on stderr (carriage return) at most a few
 * times a second. Commands show it only when stderr is a terminal.
 */
final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 28;
    private static final long MIN_INTERVAL_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final String label;
    private long lastDraw = Long.MIN_VALUE;
    private int lastLength;
    private boolean drawn;
    private long lastDone;

    ProgressBar(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    /** True when progress should be drawn: stderr is a terminal and not --quiet. */
    static boolean wanted(boolean quiet) {
        return !quiet && System.console() != null;
    }

    @Override
    public void onProgress(ProgressEvent e) {
        if (e.done() < lastDone) end(); // a new pass over the image (calibrate runs two): keep the finished line
        lastDone = e.done();
        long now = System.nanoTime();
        if (e.done() < e.total() && drawn && now - lastDraw < MIN_INTERVAL_NANOS) return;
        lastDraw = now;
        String line = line(label, e);
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
        drawn = true;
    }

    /** Ends the line after the last redraw. */
    void end() {
        if (drawn) {
            err.println();
            err.flush();
        }
        drawn = false;
        lastLength = 0;
    }

    /** The text of the bar, e.g. {@code scene.tif [##########------] 62% 31/50 tiles, 0:12 elapsed, ETA 0:07}. */
    static String line(String label, ProgressEvent e) {
        double f = e.fraction();
        int full = (int) Math.round(f * WIDTH);
        String bar = "#".repeat(full) + "-".repeat(WIDTH - full);
        String eta = e.eta().map(ProgressBar::clock).orElse("?");
        return String.format(Locale.ROOT, "%s [%s] %3d%% %d/%d tiles%s, %s elapsed, ETA %s", label, bar, Math.round(f * 100), e.done(),
                e.total(), e.skipped() > 0 ? " (" + e.skipped() + " nodata)" : "", clock(e.elapsed()), eta);
    }

    /** h:mm:ss or m:ss. */
    static String clock(Duration d) {
        long s = Math.max(0, Math.round(d.toMillis() / 1000.0));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
