package org.aerolux.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aerolux.core.UsageException;

/** The --output folder of a command: created when missing, and checked to be writable before any work starts. */
final class OutputFolder {
    private OutputFolder() {}

    /**
     * @throws UsageException (exit 2) naming the folder when it is a file, cannot be created or is not writable
     */
    static Path prepare(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new UsageException(dir, "--output must be a folder, but this is a file");
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new UsageException(dir, "--output must be a folder, but a file is in its way: " + e.getMessage());
        } catch (IOException | SecurityException e) {
            throw new UsageException(dir, "cannot create the output folder (" + e.getClass().getSimpleName() + ")");
        }
        Path probe = null;
        try {
            probe = Files.createTempFile(dir, ".aerolux-write-check-", ".part");
        } catch (IOException | SecurityException e) {
            throw new UsageException(dir, "the output folder is not writable (" + e.getClass().getSimpleName() + ")");
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // nothing else to do; it is a hidden, empty file
                }
            }
        }
        return dir;
    }
}
