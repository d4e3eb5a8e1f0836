package org.aerolux.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aerolux.core.UsageException;

/** A save or output folder: created when missing; a file in its way is a usage error naming it. */
final class OutputDirs {
    private OutputDirs() {}

    static Path prepare(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new UsageException(dir, "this is a file, not a folder");
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new UsageException(dir, "cannot create the folder (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        if (!Files.isWritable(dir)) throw new UsageException(dir, "the folder is not writable");
        return dir;
    }
}
