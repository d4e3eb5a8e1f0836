package org.aerolux.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The driver's account of a job: a line per scene, a total with the throughput, and the exit code. */
final class JobReport {
    private JobReport() {}

    /** Prints the report; returns 0, or the exit code of the first failed scene. */
    static int print(SparkJob.Result r, boolean quiet, PrintWriter out, PrintWriter err) {
        List<SceneOutcome> all = r.outcomes();
        int done = 0, skipped = 0, failed = 0, firstCode = 0, i = 0;
        long pixels = 0;
        for (SceneOutcome o : all) {
            i++;
            String label = "[" + i + "/" + all.size() + "] " + Path.of(o.input()).getFileName();
            String where = " on executor " + o.executor().id() + " (" + o.executor().host() + ", attempt " + o.executor().attempt() + ")";
            switch (o.status()) {
                case DONE -> {
                    done++;
                    pixels += o.pixels();
                    if (!quiet) out.println(String.format(Locale.ROOT, "%s: done%s in %.1f s -> %s", label, where, o.seconds(), o.message()));
                }
                case SKIPPED -> {
                    skipped++;
                    if (!quiet) out.println(label + ": " + o.message());
                }
                case FAILED -> {
                    failed++;
                    if (firstCode == 0) firstCode = o.exitCode();
                    err.println("aerolux-spark: " + o.message() + where);
                }
            }
        }
        if (!quiet)
            out.println(String.format(Locale.ROOT, "%d scenes on %s (parallelism %d): %d done, %d skipped, %d failed in %.1f s after a"
                            + " %.1f s Spark start (%.4f scenes/s, %.4f Mpx/s done, %d px)", all.size(), r.master(), r.defaultParallelism(), done,
                    skipped, failed, r.seconds(), r.startSeconds(), done / r.seconds(), pixels / 1e6 / r.seconds(), pixels));
        if (failed > 0) err.println("aerolux-spark: " + failed + " of " + all.size() + " scenes failed; the others are done");
        out.flush();
        err.flush();
        return firstCode;
    }
}
