package org.aerolux.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import org.aerolux.core.UsageException;

/**
 * An output file that appears under its final name only when complete. Bytes go to a hidden temporary file in
 * the same folder (registered with {@link TempFiles}, so an interrupted JVM removes it); {@link #commit()} moves it
 * onto the target atomically; {@link #close()} without commit deletes it. An output never replaces an input
 * that is open ({@link OpenInputs}).
 *
 * <pre>{@code
 * try (AtomicOutput out = AtomicOutput.create(target)) {
 *     ... write out.temp() ...
 *     out.commit();
 * }
 * }</pre>
 */
public final class AtomicOutput implements AutoCloseable {
    private static final AtomicLong COUNTER = new AtomicLong();

    private final Path target;
    private final Path temp;
    private boolean committed;
    private boolean closed;

    private AtomicOutput(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /** Body of a small output written as a stream (JSON, PNG, GeoJSON). */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Prepares an output: checks that the folder exists, that the target is not a folder and not an open input,
     * and creates an empty temporary file beside it.
     *
     * @throws UsageException when the target is an input or a folder, its folder does not exist, or the
     *         temporary file cannot be created (output problems are the user's to fix: exit code 2)
     */
    public static AtomicOutput create(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir))
            throw new UsageException(target, "output folder does not exist: " + dir);
        if (Files.isDirectory(abs)) throw new UsageException(target, "output is a folder, not a file");
        if (OpenInputs.isOpenInput(abs))
            throw new UsageException(target, "refusing to overwrite an input file; choose another output name");
        String name = "." + abs.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + COUNTER.incrementAndGet() + ".part";
        Path temp = dir.resolve(name);
        try {
            Files.deleteIfExists(temp);
            Files.createFile(temp);
        } catch (IOException e) {
            throw new UsageException(target, "cannot create output: " + describe(e), e);
        }
        TempFiles.register(temp);
        return new AtomicOutput(abs, temp);
    }

    /** Writes a whole small output through a stream and commits it; on any failure nothing is left behind. */
    public static void write(Path target, StreamWriter body) {
        try (AtomicOutput out = create(target)) {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out.temp()))) {
                body.write(os);
            } catch (IOException e) {
                throw new UsageException(target, "cannot write output: " + describe(e), e);
            }
            out.commit();
        }
    }

    /** The final name. */
    public Path target() { return target; }

    /** The temporary file to write; it exists and is empty at first. */
    public Path temp() { return temp; }

    /** True once {@link #commit()} succeeded. */
    public boolean isCommitted() { return committed; }

    /** Flushes the temporary file to disk and moves it onto the target, replacing an older output. */
    public void commit() {
        if (closed) throw new IllegalStateException("output already closed: " + target);
        if (committed) return;
        if (OpenInputs.isOpenInput(target))
            throw new UsageException(target, "refusing to overwrite an input file; choose another output name");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UsageException(target, "cannot finish output: " + describe(e), e);
        }
        committed = true;
        TempFiles.release(temp);
    }

    /** Deletes the temporary file unless committed. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (!committed) TempFiles.deleteQuietly(temp);
    }

    private static String describe(IOException e) {
        return IoReasons.of(e);
    }
}
