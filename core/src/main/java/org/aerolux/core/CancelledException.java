package org.aerolux.core;

/** A run stopped on request (exit code 130); partial outputs have been removed. */
public class CancelledException extends AeroLuxException {
    public CancelledException(String what) { super(ExitCode.CANCELLED, null, "cancelled: " + what); }
}
