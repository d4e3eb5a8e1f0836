package org.aerolux.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aerolux.core.UsageException;

/** The --output folder: created when missing and checked writable on the driver, before any task starts. */
final class OutputFolder {
    private OutputFolder() {}

    /** @throws UsageException (exit 2) naming the folder when it is a file, cannot be created or is not writable */
    static void prepare(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new UsageException(dir, "--output must be a folder, but this is a file");
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".aerolux-write-check-", ".part"));
        } catch (IOException | SecurityException e) {
            throw new UsageException(dir, "cannot create or write the output folder (" + e.getClass().getSimpleName() + ")");
        }
    }
}
