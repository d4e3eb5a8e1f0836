package org.aerolux.plugins.launch;

import ij.IJ;
import ij.Macro;
import ij.macro.Interpreter;
import ij.plugin.PlugIn;
import java.awt.GraphicsEnvironment;

/**
 * Every AeroLux menu command, as plugins.config names it: {@code Launcher("org.aerolux.plugins.SegmentCommand")}.
 * It checks {@link Requirements} first; when something is missing it shows one line (a dialog in the GUI, the Log
 * when headless) and stops a running macro, instead of the class-version error a Java 8 Fiji would give for the
 * command itself. Then it loads the command by name and runs it in the same thread, so its dialog, macro options
 * and the Recorder behave as if ImageJ had called it directly.
 */
public final class Launcher implements PlugIn {
    private static volatile String checked;

    @Override
    public void run(String command) {
        String problem = problemOnce();
        if (problem != null) {
            throw fail(problem);
        }
        PlugIn target;
        try {
            target = (PlugIn) Class.forName(command, true, Launcher.class.getClassLoader()).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw fail("cannot load the command " + command + " (" + e + "); reinstall the AeroLux bundle (jars/ and plugins/)");
        }
        target.run("");
    }

    /** The requirements are checked once per session (they do not change while Fiji runs). */
    private static String problemOnce() {
        String c = checked;
        if (c == null) {
            String p = Requirements.problem(Launcher.class.getClassLoader());
            c = p == null ? "" : p;
            checked = c;
        }
        return c.isEmpty() ? null : c;
    }

    /**
     * One line in the Log (and a dialog in the GUI); then, as AeroLux's commands do on an error, a running macro is
     * ended quietly; the caller throws the returned "Macro canceled" signal, which ImageJ ends quietly and which keeps
     * the Recorder from recording the command.
     */
    private static RuntimeException fail(String message) {
        IJ.log("AeroLux: " + message);
        if (!GraphicsEnvironment.isHeadless() && IJ.getInstance() != null) IJ.error("AeroLux", message);
        if (Macro.getOptions() != null) {
            Interpreter interp = Interpreter.getInstance();
            if (interp != null) {
                interp.setIgnoreErrors(true);
                interp.abort("AeroLux cannot run");
            }
        }
        return new RuntimeException(Macro.MACRO_CANCELED);
    }
}
