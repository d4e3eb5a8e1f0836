package org.aerolux.core.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import org.aerolux.core.OneLine;

/**
 * The reason of a failed file operation in words a user reads ("permission denied", "Read-only file system",
 * "No space left on device"), without Java class names, for one-line error messages.
 */
public final class IoReasons {
    private IoReasons() {}

    /** The operating system's reason where Java has it, else a plain phrase for the kind of failure. */
    public static String of(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or folder";
        if (e instanceof FileAlreadyExistsException) return "a file is in the way";
        if (e instanceof NotDirectoryException) return "not a folder";
        if (e instanceof DirectoryNotEmptyException) return "the folder is not empty";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        String m = e.getMessage();
        if (m == null || m.isBlank()) return "input/output error";
        return OneLine.of(m);
    }

    /** True when the failure is a full disk or an exhausted quota. */
    public static boolean isDiskFull(IOException e) {
        String m = String.valueOf(e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage())
                .toLowerCase(Locale.ROOT);
        return m.contains("no space left") || m.contains("disk quota exceeded") || m.contains("not enough space");
    }
}
