package org.aerolux.cli;

import java.io.PrintWriter;
import org.aerolux.core.pipeline.ProgressEvent;

/**
 * A one-line status on stderr for long model runs, redrawn in place: the file, the phase, a tile bar when there
 * are several tiles, and the elapsed time, which a daemon thread keeps ticking once a second (a whole-image pass
 * is a single tile that can take minutes). Generic: any command that runs phases of tiles can use it; shown only
 * when stderr is a terminal and not --quiet.
 */
final class TerminalProgress implements AutoCloseable {
    private static final int BAR = 24;

    private final TerminalLine line;
    private final Thread ticker;
    private String label = "";
    private String phase = "";
    private ProgressEvent last;
    private long phaseStart = System.nanoTime();
    private volatile boolean running = true;

    TerminalProgress(PrintWriter err) {
        this.line = new TerminalLine(err);
        this.ticker = new Thread(this::tick, "aerolux-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    /** True when a status line should be drawn. */
    static boolean wanted(boolean quiet) { return TerminalLine.wanted(quiet); }

    synchronized void file(String name) {
        label = name;
        phase = "";
        last = null;
        phaseStart = System.nanoTime();
    }

    synchronized void phase(String name) {
        phase = name;
        last = null;
        phaseStart = System.nanoTime();
        draw();
    }

    synchronized void progress(ProgressEvent e) {
        last = e;
        draw();
    }

    /** Clears the line (before other output). */
    synchronized void clear() { line.clear(); }

    @Override
    public void close() {
        running = false;
        ticker.interrupt();
        clear();
    }

    /**
     * Redraws the line once a second. The line is cosmetic: any throwable here (an OutOfMemoryError too) stops the
     * redrawing and nothing else, so the run, which never waits for this thread, goes on and reports its own failures.
     */
    private void tick() {
        try {
            while (running) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (this) {
                    if (running && !phase.isEmpty()) draw();
                }
            }
        } catch (Throwable t) {
            running = false;
        }
    }

    private void draw() {
        long s = (System.nanoTime() - phaseStart) / 1_000_000_000L;
        StringBuilder text = new StringBuilder(label).append(": ").append(phase);
        if (last != null && last.total() > 1) {
            text.append(" [").append(TerminalLine.bar(last.fraction(), BAR)).append("] ")
                    .append(last.done()).append('/').append(last.total()).append(" tiles");
            last.eta().ifPresent(eta -> text.append(", ETA ").append(clock(eta.toSeconds())));
        }
        text.append(", ").append(clock(s)).append(" elapsed");
        line.draw(text.toString());
    }

    static String clock(long s) { return TerminalLine.clock(s); }
}
