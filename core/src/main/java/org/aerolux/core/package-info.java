/**
 * What every AeroLux front end shares about failures: {@link org.aerolux.core.AeroLuxException} (one line, naming
 * the file) and its kinds, each with its {@link org.aerolux.core.ExitCode}; {@link org.aerolux.core.HeapMemoryException}
 * is the one place an {@link OutOfMemoryError} becomes exit code 6, with what was being done and a heap that would do.
 */
package org.aerolux.core;
