package org.aerolux.cli.options;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What a file run reads and where it writes: {@code --input} and {@code --output} of segment and enhance, CLI and Spark. */
public final class FilesMixin {
    @Option(names = "--input", required = true, paramLabel = "IN",
            description = "a file, or a folder of them; aerolux-spark also takes a text file listing scenes, one a line")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "output folder (created when missing)")
    Path output;

    public Path input() { return input; }

    public Path output() { return output; }
}
