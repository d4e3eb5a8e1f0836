package org.aerolux.core;

import java.nio.file.Path;

/**
 * The one typed failure of AeroLux. Its message is a single line that names the file (when there is one)
 * and the problem; front ends print it as is and exit with {@link #exitCode()}, never with a stack trace.
 */
public class AeroLuxException extends RuntimeException {
    private final ExitCode exitCode;
    private final Path file;

    public AeroLuxException(ExitCode exitCode, Path file, String problem, Throwable cause) {
        super(file == null ? problem : file + ": " + problem, cause);
        this.exitCode = exitCode;
        this.file = file;
    }

    public AeroLuxException(ExitCode exitCode, Path file, String problem) {
        this(exitCode, file, problem, null);
    }

    /** The exit code a command line should end with. */
    public ExitCode exitCode() { return exitCode; }

    /** The file the problem is about, or null. */
    public Path file() { return file; }
}
