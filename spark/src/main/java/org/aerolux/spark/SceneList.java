package org.aerolux.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.aerolux.core.BadInputException;
import org.aerolux.core.UsageException;

/**
 * The scenes {@code --input} names, as absolute paths: the scenes of a folder, one scene file, or a text file
 * listing scene paths, one a line (blank lines and lines starting with # are skipped; relative paths are relative
 * to the list's folder). On a cluster, every path must be readable by every executor (a shared file system).
 */
public final class SceneList {
    private SceneList() {}

    /**
     * @param isScene  which file names are scenes (a file so named is a single scene, not a list)
     * @param inFolder the scenes of a folder, sorted
     * @throws BadInputException naming the input, or the list file and line, when something is missing or empty
     */
    public static List<String> of(Path input, Predicate<Path> isScene, Function<Path, List<Path>> inFolder) {
        if (!Files.exists(input)) throw new BadInputException(input, "input not found");
        List<Path> scenes;
        if (Files.isDirectory(input)) scenes = inFolder.apply(input);
        else if (isScene.test(input)) scenes = List.of(input);
        else scenes = listed(input);
        if (scenes.isEmpty()) throw new BadInputException(input, "no scenes to process");
        return scenes.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
    }

    private static List<Path> listed(Path list) {
        List<String> lines;
        try {
            lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(list, "cannot read the list of scenes (a text file, one path a line): " + e.getMessage(), e);
        }
        Path base = list.toAbsolutePath().normalize().getParent();
        List<Path> scenes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            Path p;
            try {
                p = base.resolve(line);
            } catch (InvalidPathException e) {
                throw new BadInputException(list, "line " + (i + 1) + " is not a path: " + line);
            }
            if (!Files.isRegularFile(p)) throw new BadInputException(list, "line " + (i + 1) + ": scene not found: " + p);
            scenes.add(p);
        }
        return scenes;
    }

    /** Refuses scenes whose outputs would share a name (a.tif in two folders of a list both give a_aerolux.json). */
    public static void checkDistinctOutputs(List<String> scenes, Function<Path, Path> output) {
        Map<Path, String> seen = new HashMap<>();
        for (String s : scenes) {
            Path out = output.apply(Path.of(s));
            String before = seen.putIfAbsent(out, s);
            if (before != null)
                throw new UsageException(Path.of(s), "its outputs would overwrite those of " + before + " (both give " + out.getFileName()
                        + "); rename one of them");
        }
    }
}
