package org.aerolux.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.aerolux.core.testing.Gdal;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output names cannot leave the output folder, the provenance records no environment secrets, and nothing beside or
 * inside a model makes ONNX Runtime load a native library.
 */
class SecurityTest {
    @TempDir
    Path tmp;

    @Test
    void outputNamesFromCraftedInputNamesStayInTheOutputFolder() throws Exception {
        Path model = CliRun.dominantModel(tmp.resolve("m"));
        Path in = Files.createDirectories(tmp.resolve("deep/er/in"));
        // '/' cannot be in a file name; these are what a crafted name can hold instead
        List<String> names = List.of("..\\..\\evil.tif", "C:\\Windows\\evil.tif", "...tif", "..%2f..%2fevil.tif", "~.tif",
                "-rf .tif");
        for (String n : names) FaultsTest.noise(in.resolve(n), 24, 24);
        Path out = tmp.resolve("deep/er/out");
        for (String n : names) { // one by one: in a folder run, hidden names (starting with '.' or '~') are not inputs
            CliRun.Result r = CliRun.run("segment", "--model", model.toString(), "--input", in.resolve(n).toString(), "--output",
                    out.toString(), "--device", "cpu", "--outputs", "labels,vectors", "--quiet");
            assertEquals(0, r.code(), n + "\n" + r.all());
            String stem = n.substring(0, n.length() - 4);
            for (String suffix : List.of("_labels.tif", "_objects.geojson", "_aerolux.json"))
                assertTrue(Files.isRegularFile(out.resolve(stem + suffix)), n + ": " + SegmentCommandTest.names(out));
        }
        assertTrue(Files.isRegularFile(out.resolve(".._labels.tif")), "the stem of ...tif is '..', a plain name before a suffix");
        try (Stream<Path> s = Files.walk(tmp)) {
            assertEquals(List.of(), s.filter(Files::isRegularFile).filter(p -> !p.startsWith(in) && !p.startsWith(tmp.resolve("m"))
                    && !p.getParent().equals(out)).toList(), "nothing written outside the output folder");
        }
        assertEquals(names.size() * 4, CliRun.list(out).size(), SegmentCommandTest.names(out).toString());

        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Gdal.translate(SharedData.natural("color.png"), photos.resolve("..\\evil.png"), "-of", "PNG", "-srcwin", "0", "0", "32", "32");
        Path enhanced = tmp.resolve("enhanced");
        CliRun.Result e = CliRun.run("enhance", "--input", photos.resolve("..\\evil.png").toString(), "--output", enhanced.toString(), "--device", "cpu", "--quiet");
        assertEquals(0, e.code(), e.all());
        assertEquals(List.of("..\\evil_aerolux.json", "..\\evil_enhanced.png"), SegmentCommandTest.names(enhanced));
        assertEquals(List.of("..\\evil.png"), SegmentCommandTest.names(photos), "nothing written beside the input");
    }

    @Test
    void theProvenanceAndTheOutputRecordNoEnvironmentSecrets() throws Exception {
        Path model = CliRun.dominantModel(tmp.resolve("m"));
        Path in = FaultsTest.noise(tmp.resolve("in/s.tif"), 40, 40);
        Path out = tmp.resolve("out");
        String secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
        Map<String, String> env = Map.of("AWS_SECRET_ACCESS_KEY", secret, "GITHUB_TOKEN", "ghp_" + secret, "AEROLUX_API_KEY", secret,
                "JAVA_TOOL_OPTIONS", "-Dsecret.token=" + secret);
        CliProcess p = CliProcess.start(tmp.resolve("logs"), "env", env, "segment", "--model", model.toString(), "--input",
                in.toString(), "--output", out.toString(), "--device", "auto", "--outputs", "labels,vectors");
        assertEquals(0, p.waitFor(120), p.err());
        List<Path> files = CliRun.list(out);
        assertEquals(4, files.size(), files.toString());
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertFalse(text.contains(secret), "no secret in " + f);
            for (String name : env.keySet()) assertFalse(text.contains(name), name + " in " + f);
        }
        assertTrue(Files.readString(out.resolve("s_aerolux.json")).contains("\"sha256\""), "the provenance was written");
        assertFalse(p.out().contains(secret));
        assertFalse(p.err().replace("Picked up JAVA_TOOL_OPTIONS: -Dsecret.token=" + secret, "").contains(secret),
                "only the JVM's own notice of JAVA_TOOL_OPTIONS may echo it: " + p.err());
    }

    /**
     * A real shared library whose constructor leaves a marker file, offered to ONNX Runtime every way a model's
     * owner could: the card sidecar, DJL's serving.properties beside the model (option.customOpLibrary) and an
     * environment variable. A run with that model must not load it (no marker); python's ctypes loading the same
     * library makes the marker, so the trap works.
     */
    @Test
    void nothingBesideAModelLoadsANativeLibrary() throws Exception {
        Path lib = tmp.resolve("lib"), marker = tmp.resolve("loaded.marker");
        Files.createDirectories(lib);
        Path c = Files.writeString(lib.resolve("trap.c"), """
                #include <fcntl.h>
                #include <unistd.h>
                __attribute__((constructor)) static void trap(void) {
                    int fd = open("%s", O_CREAT | O_WRONLY, 0644);
                    if (fd >= 0) close(fd);
                }
                int RegisterCustomOps(void *options, const void *api) { return 0; }
                """.formatted(marker));
        Path so = lib.resolve("libtrap.so");
        exec(List.of("gcc", "-shared", "-fPIC", "-o", so.toString(), c.toString()));

        Path model = CliRun.dominantModel(tmp.resolve("m"));
        Path sidecar = model.resolveSibling("dominant.onnx.json");
        String card = Files.readString(sidecar).trim();
        Files.writeString(sidecar, card.substring(0, card.length() - 1) + ", \"customOpLibrary\": \"" + so + "\", \"aerolux.custom_op_library\": \""
                + so + "\"}");
        Files.writeString(model.resolveSibling("serving.properties"), "engine=OnnxRuntime\noption.customOpLibrary=" + so + "\n");
        Path in = FaultsTest.noise(tmp.resolve("in/s.tif"), 24, 24);
        CliProcess p = CliProcess.start(tmp.resolve("logs"), "trap", Map.of("ORT_CUSTOM_OP_LIBRARY", so.toString(),
                "customOpLibrary", so.toString()), "segment", "--model", model.toString(), "--input", in.toString(), "--output",
                tmp.resolve("out").toString(), "--device", "cpu", "--quiet");
        int code = p.waitFor(120);
        assertFalse(Files.exists(marker), "the library was loaded");
        assertEquals(0, code, "unknown card keys are ignored; the model runs: " + p.err());

        exec(List.of("/usr/bin/python3", "-c", "import ctypes; ctypes.CDLL('" + so + "')"));
        assertTrue(Files.exists(marker), "control: loading the library does leave the marker");
    }

    private static void exec(List<String> cmd) throws Exception {
        org.aerolux.core.testing.Processes.Result r = org.aerolux.core.testing.Processes.run(cmd, null, java.time.Duration.ofSeconds(120));
        assertEquals(0, r.code(), cmd + "\n" + r.all());
    }
}
