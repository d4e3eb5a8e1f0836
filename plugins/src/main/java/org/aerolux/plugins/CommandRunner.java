package org.aerolux.plugins;

import ij.IJ;
import ij.Macro;
import ij.macro.Interpreter;
import java.awt.GraphicsEnvironment;
import org.aerolux.core.OneLine;
import org.aerolux.core.AeroLuxException;
import org.aerolux.core.CancelledException;
import org.aerolux.core.HeapMemoryException;

/**
 * Runs the body of a menu command the way Fiji users expect failures to look:
 * <ul>
 *   <li>an AeroLux error (bad file, bad option, model or device problem) is one line: an {@code IJ.error} dialog in
 *       the GUI, a Log line when headless; never a stack trace;</li>
 *   <li>a cancel (Esc, or Cancel in a dialog) shows in the status bar and the Log;</li>
 *   <li>after either, a running macro is aborted (ImageJ's own "Macro canceled" signal, which ImageJ ends quietly;
 *       it also keeps the Recorder from recording a command that did not complete);</li>
 *   <li>out of memory (a {@link HeapMemoryException}, or an {@link OutOfMemoryError} of a run) is one line naming
 *       what was being done and the Fiji memory setting that would do;</li>
 *   <li>anything else (an {@link Error} of a worker thread too) is a bug: its stack trace goes to the Log, with a
 *       one-line error.</li>
 * </ul>
 */
final class CommandRunner {
    /** The body of a command. */
    @FunctionalInterface
    interface Body {
        void run();
    }

    /** Thrown by a command whose dialog was cancelled. */
    static final class DialogCancelled extends RuntimeException {
        DialogCancelled() { super("dialog cancelled", null, false, false); }
    }

    private CommandRunner() {}

    static void run(String title, Body body) {
        try {
            body.run();
        } catch (DialogCancelled e) {
            abort();
        } catch (CancelledException e) {
            IJ.showProgress(1.0);
            IJ.showStatus(title + ": cancelled");
            IJ.log(title + ": cancelled; no result was kept");
            abort();
        } catch (HeapMemoryException e) {
            IJ.showProgress(1.0);
            IJ.showStatus("");
            error(title, forFiji(e));
            abort();
        } catch (AeroLuxException e) {
            IJ.showProgress(1.0);
            IJ.showStatus("");
            error(title, e.getMessage());
            abort();
        } catch (OutOfMemoryError e) {
            IJ.showProgress(1.0);
            error(title, forFiji(HeapMemoryException.of("running " + title, e)));
            abort();
        } catch (Error e) {
            // a worker's Error reaches the command as itself (exit code 1 elsewhere): report it, never hang or vanish
            IJ.showProgress(1.0);
            IJ.log(title + ": internal error, please report it with this trace:");
            IJ.log(stackTrace(e));
            error(title, "internal error: " + e + " (details in the Log)");
            abort();
        } catch (RuntimeException e) {
            if (Macro.MACRO_CANCELED.equals(e.getMessage())) throw e;
            IJ.showProgress(1.0);
            IJ.log(title + ": internal error, please report it with this trace:");
            IJ.log(stackTrace(e));
            error(title, "internal error: " + e + " (details in the Log)");
            abort();
        }
    }

    /** The out-of-memory line with Fiji's way to a larger heap instead of JAVA_OPTS. */
    static String forFiji(HeapMemoryException e) {
        return e.getMessage().replaceFirst("give Java a larger heap, e\\.g\\. JAVA_OPTS=-Xmx(\\d+)g",
                "give Fiji more memory in Edit > Options > Memory & Threads (e.g. $1 GB)");
    }

    /** A one-line error: a dialog in the GUI (and the Log), the Log alone when headless. */
    static void error(String title, String message) {
        String line = message == null ? "failed" : OneLine.of(message);
        IJ.log(title + ": " + line);
        if (!GraphicsEnvironment.isHeadless() && IJ.getInstance() != null) IJ.error(title, line);
    }

    /**
     * Ends a running macro and keeps the Recorder from recording this command. ImageJ's Executer swallows the
     * "Macro canceled" signal of a plugin (and then skips recording), so the macro itself is stopped through its
     * interpreter: with errors ignored, {@code abort} ends it quietly (the message is already in the Log), where
     * a macro error would open a dialog, which headless ImageJ cannot.
     */
    private static void abort() {
        if (MacroOptions.isMacro()) {
            Interpreter interp = Interpreter.getInstance();
            if (interp != null) {
                interp.setIgnoreErrors(true);
                interp.abort("AeroLux command failed");
            }
        }
        throw new RuntimeException(Macro.MACRO_CANCELED);
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
