package org.aerolux.core;

import java.nio.file.Path;

/** A bad or unreadable input file (exit code 3). */
public class BadInputException extends AeroLuxException {
    public BadInputException(Path file, String problem) { super(ExitCode.BAD_INPUT, file, problem); }

    public BadInputException(Path file, String problem, Throwable cause) { super(ExitCode.BAD_INPUT, file, problem, cause); }
}
