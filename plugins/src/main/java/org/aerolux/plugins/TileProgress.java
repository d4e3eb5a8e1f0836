package org.aerolux.plugins;

import ij.IJ;
import java.time.Duration;
import java.util.Locale;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.pipeline.ProgressEvent;
import org.aerolux.core.pipeline.ProgressListener;
import org.aerolux.enhancement.EnhancementListener;

/**
 * Tile progress in ImageJ's progress bar and status line ("AeroLux Segment (FarSeg): tile 12/40, about 35 s
 * left; Esc cancels"), and Esc as a cancel: {@code IJ.escapePressed()} is polled after every tile and cancels the
 * run through the engine's {@link Cancellation}, which then removes every partial result.
 *
 * @param step a prefix such as "image 2/5, " for folder runs; empty for one image
 */
record TileProgress(String title, Cancellation cancellation, String step) implements ProgressListener {
    /** Forgets an Esc pressed before the run started (ImageJ does this for menu commands, not for macros). */
    static Cancellation start() {
        IJ.resetEscape();
        return new Cancellation();
    }

    @Override
    public void onProgress(ProgressEvent e) {
        IJ.showProgress((int) Math.min(Integer.MAX_VALUE, e.done()), (int) Math.min(Integer.MAX_VALUE, e.total()));
        IJ.showStatus(status(title, step, e));
        if (IJ.escapePressed()) cancellation.cancel();
    }

    /** The status line after a tile: "TITLE: STEPtile 12/40, about 35 s left; Esc cancels" (no ETA before one). */
    static String status(String title, String step, ProgressEvent e) {
        String eta = e.eta().map(TileProgress::duration).map(d -> ", about " + d + " left").orElse("");
        return String.format(Locale.ROOT, "%s: %stile %d/%d%s; Esc cancels", title, step, e.done(), e.total(), eta);
    }

    /** This progress for an enhancement: tiles in the bar, each phase in the status line, Esc polled between phases. */
    EnhancementListener forEnhancement() {
        return new EnhancementListener() {
            @Override
            public void phase(String name) {
                IJ.showStatus(title + ": " + step + name);
                checkEscape();
            }

            @Override
            public void progress(ProgressEvent event) { onProgress(event); }
        };
    }

    /** Polls Esc between steps that are not tiles. */
    void checkEscape() {
        if (IJ.escapePressed()) cancellation.cancel();
    }

    static String duration(Duration d) {
        long s = Math.max(0, Math.round(d.toMillis() / 1000.0));
        if (s < 60) return s + " s";
        if (s < 3600) return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
