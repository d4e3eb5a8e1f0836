package org.aerolux.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.aerolux.core.testing.TestModels;

/** Runs the aerolux command line in this JVM, and makes the small inputs the CLI tests share. */
final class CliRun {
    private CliRun() {}

    record Result(int code, String out, String err) {
        String all() { return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err; }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = AeroLuxCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs with -Daerolux.models set for the duration of the call. */
    static Result runWithRegistry(Path registry, String... args) {
        String old = System.getProperty("aerolux.models");
        System.setProperty("aerolux.models", registry.toString());
        try {
            return run(args);
        } finally {
            if (old == null) System.clearProperty("aerolux.models");
            else System.setProperty("aerolux.models", old);
        }
    }

    /**
     * identity.onnx read as a 3-class segmentation model through a card sidecar: the class of a pixel is its
     * brightest band, probabilities softmax(x / 25.5).
     */
    static Path dominantModel(Path dir) { return TestModels.dominant(dir, "background", "#000000", 64, 16, 8, 25.5, 1.0); }

    /** The files in a folder (sorted), hidden ones included. */
    static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
