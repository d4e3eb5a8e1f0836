package org.aerolux.plugins;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.imagej.patcher.LegacyEnvironment;

/**
 * Headless ImageJ as Fiji's {@code --headless} runs it: ij1-patcher's {@link LegacyEnvironment} with the plugin
 * jar of the Fiji bundle (target/fiji/plugins/AeroLux_.jar) and the bundle's jars/, plus the jars Fiji itself
 * ships (target/fiji-provided, copied from Maven by the build). One environment per JVM: ONNX Runtime's native
 * library can be loaded by one class loader only.
 */
final class HeadlessFiji {
    private static LegacyEnvironment env;

    private HeadlessFiji() {}

    /** target/fiji of this module (made by mvn package). */
    static Path bundle() {
        Path p = Path.of("target", "fiji").toAbsolutePath();
        if (!Files.isRegularFile(p.resolve("plugins").resolve("AeroLux_.jar")))
            throw new IllegalStateException("no Fiji bundle at " + p + "; these tests run after package (mvn verify)");
        return p;
    }

    static synchronized LegacyEnvironment environment() {
        if (env != null) return env;
        try {
            LegacyEnvironment e = new LegacyEnvironment(null, true);
            e.disableIJ1PluginDirs();
            List<File> jars = new ArrayList<>();
            jars.add(bundle().resolve("plugins").resolve("AeroLux_.jar").toFile());
            jars.addAll(jarsIn(bundle().resolve("jars")));
            for (File f : jarsIn(Path.of("target", "fiji-provided").toAbsolutePath()))
                if (!f.getName().startsWith("ij-")) jars.add(f); // ImageJ itself is the environment's own
            e.addPluginClasspath(jars.toArray(new File[0]));
            env = e;
            return e;
        } catch (ClassNotFoundException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static List<File> jarsIn(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().map(Path::toFile).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
    }

    /**
     * Runs a macro, after closing the images of earlier macros, and returns what ImageJ printed meanwhile
     * (headless, the Log goes to standard output).
     */
    static String run(String macro) {
        return run(macro, "");
    }

    /** Runs a macro as {@link #run(String)} does, with {@code argument} for its getArgument(). */
    static synchronized String run(String macro, String argument) {
        LegacyEnvironment e = environment();
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new TeeStream(saved, captured), true, StandardCharsets.UTF_8);
        System.setOut(tee);
        try {
            e.runMacro("close(\"*\");\n" + macro, argument);
        } finally {
            tee.flush();
            System.setOut(saved);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** A macro string literal for a path. */
    static String q(Path p) {
        return "\"" + p.toAbsolutePath().toString().replace("\\", "/") + "\"";
    }

    private static final class TeeStream extends OutputStream {
        private final OutputStream a, b;

        TeeStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
