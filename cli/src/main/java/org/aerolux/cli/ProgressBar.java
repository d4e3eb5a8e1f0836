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

    private final TerminalLine line;
    private final String label;
    private long lastDraw = Long.MIN_VALUE;
    private long lastDone;

    ProgressBar(PrintWriter err, String label) {
        this.line = new TerminalLine(err);
        this.label = label;
    }

    /** True when progress should be drawn: stderr is a terminal and not --quiet. */
    static boolean wanted(boolean quiet) { return TerminalLine.wanted(quiet); }

    @Override
    public void onProgress(ProgressEvent e) {
        if (e.done() < lastDone) end(); // a new pass over the image (calibrate runs two): keep the finished line
        lastDone = e.done();
        long now = System.nanoTime();
        if (e.done() < e.total() && line.drawn() && now - lastDraw < MIN_INTERVAL_NANOS) return;
        lastDraw = now;
        line.draw(line(label, e));
    }

    /** Ends the line after the last redraw. */
    void end() { line.end(); }

    /** The text of the bar, e.g. {@code scene.tif [##########------] 62% 31/50 tiles, 0:12 elapsed, ETA 0:07}. */
    static String line(String label, ProgressEvent e) {
        double f = e.fraction();
        String bar = TerminalLine.bar(f, WIDTH);
        String eta = e.eta().map(ProgressBar::clock).orElse("?");
        return String.format(Locale.ROOT, "%s [%s] %3d%% %d/%d tiles%s, %s elapsed, ETA %s", label, bar, Math.round(f * 100), e.done(),
                e.total(), e.skipped() > 0 ? " (" + e.skipped() + " nodata)" : "", clock(e.elapsed()), eta);
    }

    /** h:mm:ss or m:ss. */
    static String clock(Duration d) { return TerminalLine.clock(Math.round(d.toMillis() / 1000.0)); }
}
