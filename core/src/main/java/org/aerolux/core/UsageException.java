package org.aerolux.core;

import java.nio.file.Path;

/** Options that do not fit together or are out of range (exit code 2). */
public class UsageException extends AeroLuxException {
    public UsageException(Path file, String problem) { super(ExitCode.USAGE, file, problem); }

    public UsageException(Path file, String problem, Throwable cause) { super(ExitCode.USAGE, file, problem, cause); }
}
