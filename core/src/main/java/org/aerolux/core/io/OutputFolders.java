package org.aerolux.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aerolux.core.UsageException;

/**
 * The output folder of a run, the same for every front end: created when missing, checked to be writable before
 * any work starts, and cleared of the temporary files a killed earlier run left in it
 * ({@link TempFiles#removeAbandoned}).
 */
public final class OutputFolders {
    private OutputFolders() {}

    /**
     * @param option how the front end names the folder in messages ({@code --output}, {@code save})
     * @throws UsageException (exit 2) naming the folder when it is a file, lies inside a file, cannot be created or
     *         is not writable
     */
    public static Path prepare(Path dir, String option) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new UsageException(dir, option + " must be a folder, but this is a file");
        Path file = fileOnTheWay(dir);
        if (file != null) throw new UsageException(dir, option + " cannot be inside " + file + ", which is a file, not a folder");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException(dir, "cannot create the output folder: " + IoReasons.of(e));
        } catch (SecurityException e) {
            throw new UsageException(dir, "cannot create the output folder: permission denied");
        }
        Path probe = null;
        try {
            probe = Files.createTempFile(dir, ".aerolux-write-check-", ".part");
        } catch (IOException e) {
            throw new UsageException(dir, "the output folder is not writable: " + IoReasons.of(e));
        } catch (SecurityException e) {
            throw new UsageException(dir, "the output folder is not writable: permission denied");
        } finally {
            if (probe != null) TempFiles.deleteQuietly(probe);
        }
        TempFiles.removeAbandoned(dir); // what a killed earlier run left half-written
        return dir;
    }

    /** The nearest existing ancestor of dir when it is a file (so dir can never be made), else null. */
    private static Path fileOnTheWay(Path dir) {
        for (Path p = dir.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent())
            if (Files.exists(p)) return Files.isDirectory(p) ? null : p;
        return null;
    }
}
