package org.aerolux.core;

import java.nio.file.Path;

/** A requested device that cannot be used (exit code 5). */
public class DeviceException extends AeroLuxException {
    public DeviceException(Path file, String problem) { super(ExitCode.DEVICE, file, problem); }

    public DeviceException(Path file, String problem, Throwable cause) { super(ExitCode.DEVICE, file, problem, cause); }
}
