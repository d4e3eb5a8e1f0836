package org.aerolux.core;

/** Process exit codes shared by every AeroLux front end (see INTERFACE.md). */
public enum ExitCode {
    OK(0), USAGE(2), BAD_INPUT(3), BAD_MODEL(4), DEVICE(5), CANCELLED(130);

    private final int code;

    ExitCode(int code) { this.code = code; }

    /** The numeric process exit status. */
    public int code() { return code; }
}
