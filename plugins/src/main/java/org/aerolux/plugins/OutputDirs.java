package org.aerolux.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aerolux.core.UsageException;
import org.aerolux.core.io.IoReasons;
import org.aerolux.core.io.TempFiles;

/**
 * A save or output folder: created when missing; a file in its way is a usage error naming it. Temporary files that
 * a killed earlier run left in it are removed (see {@link TempFiles#removeAbandoned}).
 */
final class OutputDirs {
    private OutputDirs() {}

    static Path prepare(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new UsageException(dir, "this is a file, not a folder");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException(dir, "cannot create the folder: " + IoReasons.of(e));
        } catch (SecurityException e) {
            throw new UsageException(dir, "cannot create the folder: permission denied");
        }
        if (!Files.isWritable(dir)) throw new UsageException(dir, "the folder is not writable");
        TempFiles.removeAbandoned(dir);
        return dir;
    }
}
