package org.aerolux.core;

/**
 * Process exit codes shared by every AeroLux front end (see INTERFACE.md): 0 done, 1 internal error (a bug in
 * AeroLux; the one line says what failed), 2 usage, 3 bad input, 4 bad model, 5 device, 6 out of memory (the Java
 * heap is too small for the run; the line names what was being done and a heap that would do), 130 cancelled.
 */
public enum ExitCode {
    OK(0), INTERNAL(1), USAGE(2), BAD_INPUT(3), BAD_MODEL(4), DEVICE(5), OUT_OF_MEMORY(6), CANCELLED(130);

    private final int code;

    ExitCode(int code) { this.code = code; }

    /** The numeric process exit status. */
    public int code() { return code; }
}
