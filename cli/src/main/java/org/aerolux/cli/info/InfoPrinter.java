package org.aerolux.cli.info;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Prints what {@code aerolux info FILE} shows for one kind of file. {@code InfoCommand} asks its printers in order
 * and uses the first that accepts the file.
 */
public interface InfoPrinter {
    /** True when this printer handles the file (by its name or its first bytes). */
    boolean accepts(Path file);

    /** Prints the file's description as text, or as one JSON object when {@code json} is set. */
    void print(Path file, boolean json, PrintWriter out);
}
