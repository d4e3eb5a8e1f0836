package org.aerolux.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.aerolux.core.AeroLuxException;
import org.aerolux.core.ExitCode;
import org.aerolux.cli.options.RootCommand;
import org.aerolux.core.OneLine;
import org.aerolux.core.HeapMemoryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code aerolux} command line. Subcommands are registered in {@link #commandLine}; each is a picocli command
 * that throws {@link AeroLuxException} for anything the user should fix. Errors become one line on stderr and the
 * exit codes of INTERFACE.md: 0 done, 1 internal error, 2 usage, 3 bad input, 4 bad model, 5 device, 6 out of memory,
 * 130 cancelled.
 */
@Command(name = "aerolux", mixinStandardHelpOptions = true, versionProvider = AeroLuxCli.Version.class,
        description = "Segmentation, calibration and low-light enhancement of big, georeferenced images.",
        subcommands = {InfoCommand.class, CopyCommand.class, SegmentCommand.class, CalibrateCommand.class, EnhanceCommand.class,
                ModelsCommand.class, OverlayCommand.class, CommandLine.HelpCommand.class})
public final class AeroLuxCli extends RootCommand {
    /** Exit status for failures that are AeroLux's fault (a bug), not the user's. */
    static final int INTERNAL_ERROR = ExitCode.INTERNAL.code();

    public static void main(String[] args) {
        quietLibraryLogging();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        // Ctrl-C or kill (TERM): the JVM exits 130 / 143 after its shutdown hooks, TempFiles' among them (it deletes
        // unfinished outputs); this one says so on stderr
        AtomicBoolean finished = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (finished.get()) return;
            err.println("aerolux: interrupted; unfinished outputs were removed");
            err.flush();
        }, "aerolux-interrupt-notice"));
        int code = run(args, out, err);
        finished.set(true);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line in this JVM with the given streams (used by main and by tests); returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        try {
            return commandLine(out, err).execute(args);
        } catch (OutOfMemoryError e) {
            // picocli lets Errors through; a run maps its own (naming what it did), this catches the rest
            err.println("aerolux: " + oneLine(HeapMemoryException.of("running 'aerolux" + (args.length > 0 ? " " + args[0] : "") + "'",
                    e).getMessage()));
            err.flush();
            return ExitCode.OUT_OF_MEMORY.code();
        } catch (Error e) {
            err.println("aerolux: internal error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage())));
            err.flush();
            return INTERNAL_ERROR;
        }
    }

    /** The picocli command tree with AeroLux's error handling; subcommands plug in through the annotation above. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new AeroLuxCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("aerolux: " + oneLine(ex.getMessage()) + " (see '" + c.getCommandSpec().qualifiedName()
                    + " --help')");
            c.getErr().flush();
            return ExitCode.USAGE.code();
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            PrintWriter e = c.getErr();
            int code;
            if (ex instanceof AeroLuxException a) {
                e.println("aerolux: " + oneLine(a.getMessage()));
                code = a.exitCode().code();
            } else {
                e.println("aerolux: internal error: " + ex.getClass().getSimpleName()
                        + (ex.getMessage() == null ? "" : ": " + oneLine(ex.getMessage())));
                code = INTERNAL_ERROR;
            }
            e.flush();
            return code;
        });
        return cl;
    }

    /** Keeps GeoTools' and other libraries' java.util.logging output off stderr unless -Daerolux.debug=true. */
    static void quietLibraryLogging() {
        if (Boolean.getBoolean("aerolux.debug")) return;
        LogManager.getLogManager().reset();
        Logger.getLogger("").setLevel(Level.OFF);
    }

    private static String oneLine(String s) { return OneLine.of(s); }

    /** Version from the jar manifest (Maven fills it), "dev" when run from classes. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AeroLuxCli.class.getPackage().getImplementationVersion();
            return new String[] {"aerolux " + (v == null ? "dev" : v)};
        }
    }
}
