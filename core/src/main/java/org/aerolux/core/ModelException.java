package org.aerolux.core;

import java.nio.file.Path;

/** A bad or missing model file or model card (exit code 4). */
public class ModelException extends AeroLuxException {
    public ModelException(Path file, String problem) { super(ExitCode.BAD_MODEL, file, problem); }

    public ModelException(Path file, String problem, Throwable cause) { super(ExitCode.BAD_MODEL, file, problem, cause); }
}
