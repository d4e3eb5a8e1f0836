package org.aerolux.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.aerolux.core.BadInputException;
import org.aerolux.core.UsageException;

/**
 * What {@code --input} names: one file, or the files of a folder (not its subfolders) whose names a command
 * accepts, sorted by name. Hidden files (our own temporaries among them) are ignored. Generic: any command
 * with file-or-folder input can use it.
 */
final class InputFiles {
    private InputFiles() {}

    /**
     * @param accepts which names in a folder are inputs
     * @throws BadInputException when the input does not exist or a folder holds no input
     */
    static List<Path> list(Path input, Predicate<Path> accepts, String kinds) {
        if (!Files.exists(input)) throw new BadInputException(input, "file not found");
        if (!Files.isDirectory(input)) return List.of(input);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(input)) {
            s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).filter(accepts).sorted()
                    .forEach(files::add);
        } catch (IOException e) {
            throw new BadInputException(input, "cannot list the folder: " + e.getMessage(), e);
        }
        if (files.isEmpty()) throw new BadInputException(input, "the folder holds no " + kinds + " files");
        return files;
    }

    /** Refuses inputs whose outputs would share a name (e.g. a.tif and a.png both give a_aerolux.json). */
    static void checkDistinctOutputs(List<Path> inputs, Function<Path, Path> output) {
        Map<Path, Path> seen = new HashMap<>();
        for (Path in : inputs) {
            Path out = output.apply(in);
            Path before = seen.putIfAbsent(out, in);
            if (before != null)
                throw new UsageException(in, "its outputs would overwrite those of " + before.getFileName() + " (both give "
                        + out.getFileName() + "); rename one of them");
        }
    }
}
