package org.aerolux.spark;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.aerolux.core.AeroLuxException;
import org.aerolux.core.ExitCode;
import org.aerolux.cli.options.RootCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code aerolux-spark segment|enhance}: the AeroLux pipeline over many scenes on Apache Spark, one task per scene,
 * each executor loading the model once and reusing it. The options are those of {@code aerolux segment} and
 * {@code aerolux enhance} plus {@code --master} and {@code --max-failures}. Errors become one line on stderr and
 * the exit codes of the CLI (1 for a job that failed for another reason, e.g. a task that failed every attempt).
 */
@Command(name = "aerolux-spark", mixinStandardHelpOptions = true, versionProvider = AeroLuxSpark.Version.class,
        description = "AeroLux segmentation and enhancement of many scenes on Apache Spark.",
        subcommands = {SparkSegmentCommand.class, SparkEnhanceCommand.class, CommandLine.HelpCommand.class})
public final class AeroLuxSpark extends RootCommand {
    /** Exit status of a job that failed for a reason other than a bad input, model or option. */
    public static final int JOB_FAILED = 1;

    public static void main(String[] args) {
        if (!Boolean.getBoolean("aerolux.debug")) {
            LogManager.getLogManager().reset();
            Logger.getLogger("").setLevel(Level.OFF);
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs a command in this JVM with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new AeroLuxSpark());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("aerolux-spark: " + SceneOutcomes.oneLine(ex.getMessage()) + " (see '"
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            ex.getCommandLine().getErr().flush();
            return ExitCode.USAGE.code();
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            AeroLuxException a = aeroLuxCause(ex);
            if (a != null) c.getErr().println("aerolux-spark: " + SceneOutcomes.oneLine(a.getMessage()));
            else c.getErr().println("aerolux-spark: the job failed: " + SceneOutcomes.oneLine(firstLine(ex)));
            c.getErr().flush();
            return a != null ? a.exitCode().code() : JOB_FAILED;
        });
        return cl.execute(args);
    }

    private static AeroLuxException aeroLuxCause(Throwable t) {
        for (int i = 0; t != null && i < 20; t = t.getCause(), i++)
            if (t instanceof AeroLuxException a) return a;
        return null;
    }

    /** Spark's messages carry the executor's stack trace after the first line: keep the first. */
    private static String firstLine(Throwable t) {
        String m = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Version from the jar manifest (Maven fills it), "dev" when run from classes, and Spark's. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AeroLuxSpark.class.getPackage().getImplementationVersion();
            return new String[] {"aerolux-spark " + (v == null ? "dev" : v) + " on Apache Spark " + org.apache.spark.SparkContext.class
                    .getPackage().getImplementationVersion()};
        }
    }
}
