package org.aerolux.spark;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.aerolux.cli.AeroLuxCli;
import org.aerolux.core.io.TempFiles;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * aerolux-spark segment in Spark's local mode with the committed FarSeg model (small tiles): six scenes on local[2]
 * give the single-machine CLI's outputs byte for byte, each provenance names its executor, the model is loaded
 * once per task slot, a rerun resumes, and a task killed mid-way is retried without leaving partial files.
 */
class SparkSegmentTest {
    static final String[] MODEL_OPTIONS = {"--tile", "64", "--overlap", "16", "--device", "cpu", "--threads", "1", "--quiet"};

    @TempDir
    static Path tmp;
    static Path scenes, reference;
    static String model;

    record Run(int code, String out, String err) {
        String all() { return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err; }
    }

    @BeforeAll
    static void scenesAndTheCliReference() throws Exception {
        model = SharedData.repo().resolve("models/farseg-demo.onnx").toString();
        scenes = tmp.resolve("scenes");
        Scenes.write(scenes, 6, 128, 96);
        reference = tmp.resolve("cli");
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = AeroLuxCli.run(args("segment", "--input", scenes.toString(), "--output", reference.toString()),
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, out + "\n" + err);
    }

    static String[] args(String... first) {
        return Stream.concat(Stream.of(first), Stream.concat(Stream.of("--model", model), Stream.of(MODEL_OPTIONS))).toArray(String[]::new);
    }

    static Run spark(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = AeroLuxSpark.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** The cache key the command builds for these options. */
    static JobArgs settings(String[] args) {
        return new JobArgs(List.of(args).subList(1, args.length), 1); // --threads 1
    }

    @Test
    void sixScenesOnLocal2EqualTheCliByteForByteNameTheirExecutorAndResume() throws Exception {
        Path out = tmp.resolve("spark");
        String[] args = args("segment", "--input", scenes.toString(), "--output", out.toString(), "--master", "local[2]");
        Run r = spark(args);
        assertEquals(0, r.code(), r.all());
        // the executor keeps its models
        int loads = ExecutorModels.SEGMENTERS.loads(settings(args));
        assertTrue(loads >= 1 && loads <= 2, "one model per task slot of local[2], not one per scene: " + loads);

        assertEquals(names(reference), names(out), "the same files");
        Set<Integer> partitions = new HashSet<>();
        for (int i = 1; i <= 6; i++) {
            String stem = "scene" + i;
            for (String suffix : List.of("_labels.tif", "_labels.tif.aux.xml", "_confidence.tif"))
                assertArrayEquals(Files.readAllBytes(reference.resolve(stem + suffix)), Files.readAllBytes(out.resolve(stem + suffix)),
                        stem + suffix + " byte for byte");
            JsonObject cli = json(reference.resolve(stem + "_aerolux.json")), sp = json(out.resolve(stem + "_aerolux.json"));
            JsonObject executor = sp.getAsJsonObject("executor");
            assertEquals("driver", executor.get("id").getAsString(), "local mode runs the tasks in the driver");
            assertFalse(executor.get("host").getAsString().isBlank());
            assertEquals(0, executor.get("attempt").getAsInt());
            partitions.add(executor.get("partition").getAsInt());
            assertFalse(cli.has("executor"));
            for (String volatileField : List.of("started", "timings_s", "executor")) {
                cli.remove(volatileField);
                sp.remove(volatileField);
            }
            assertEquals(cli, sp, stem + ": the same provenance apart from times and the executor");
        }
        assertEquals(Set.of(0, 1, 2, 3, 4, 5), partitions, "one task per scene");

        List<Long> times = Stream.of(out.toFile().listFiles()).map(java.io.File::lastModified).sorted().toList();
        Run again = spark(args("segment", "--input", scenes.toString(), "--output", out.toString(), "--master", "local[2]"));
        assertEquals(0, again.code(), again.all());
        assertEquals(times, Stream.of(out.toFile().listFiles()).map(java.io.File::lastModified).sorted().toList(), "nothing rewritten");
    }

    @Test
    void aSceneListAndATaskKilledMidWayGiveTheSameOutputsAndNoPartialFile() throws Exception {
        Path list = tmp.resolve("scenes.txt");
        Files.writeString(list, "# three scenes, relative to this list\nscenes/scene2.tif\n\nscenes/scene3.tif\n" + scenes.resolve("scene5.tif") + "\n");
        Path out = tmp.resolve("retried");
        FailureInjection.INJECTED.clear();
        System.setProperty(FailureInjection.PROPERTY, "scene3.tif");
        Run r;
        try {
            r = spark(args("segment", "--input", list.toString(), "--output", out.toString(), "--master", "local[2]", "--max-failures", "2"));
        } finally {
            System.clearProperty(FailureInjection.PROPERTY);
        }
        assertEquals(0, r.code(), r.all());
        assertEquals(1, FailureInjection.INJECTED.size(), "one injected failure: " + FailureInjection.INJECTED);
        String injected = FailureInjection.INJECTED.peek();
        assertTrue(injected.matches("injected failure of attempt 0 on scene3.tif after \\d+ of \\d+ tiles with [1-9]\\d* partial outputs open"),
                injected);
        for (String stem : List.of("scene2", "scene3", "scene5")) {
            for (String suffix : List.of("_labels.tif", "_confidence.tif"))
                assertArrayEquals(Files.readAllBytes(reference.resolve(stem + suffix)), Files.readAllBytes(out.resolve(stem + suffix)),
                        stem + suffix);
            int attempt = json(out.resolve(stem + "_aerolux.json")).getAsJsonObject("executor").get("attempt").getAsInt();
            assertEquals(stem.equals("scene3") ? 1 : 0, attempt, stem + ": retried only where it failed");
        }
        assertEquals(new TreeSet<>(List.of("scene2_aerolux.json", "scene2_confidence.tif", "scene2_labels.tif", "scene2_labels.tif.aux.xml",
                        "scene3_aerolux.json", "scene3_confidence.tif", "scene3_labels.tif", "scene3_labels.tif.aux.xml",
                        "scene5_aerolux.json", "scene5_confidence.tif", "scene5_labels.tif", "scene5_labels.tif.aux.xml")), names(out),
                "no temporary file left behind");
        assertTrue(TempFiles.pending().stream().noneMatch(p -> p.startsWith(out.toAbsolutePath())), "nothing pending deletion");
    }

    @Test
    void aTaskThatFailsEveryAttemptFailsTheJobInOneLineAndLeavesNoPartialFile() throws Exception {
        Path out = tmp.resolve("failed");
        FailureInjection.INJECTED.clear();
        System.setProperty(FailureInjection.PROPERTY, "scene1.tif");
        Run r;
        try {
            r = spark(args("segment", "--input", scenes.resolve("scene1.tif").toString(), "--output", out.toString(), "--master", "local[1]",
                    "--max-failures", "1"));
        } finally {
            System.clearProperty(FailureInjection.PROPERTY);
        }
        assertEquals(AeroLuxSpark.JOB_FAILED, r.code(), r.all());
        assertTrue(r.err().startsWith("aerolux-spark: the job failed: "), r.err());
        assertTrue(r.err().contains("injected failure of attempt 0 on scene1.tif"), r.err());
        assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("aerolux-spark:")).count(), r.err());
        assertEquals(Set.of(), names(out), "nothing half-written survives");
    }

    static TreeSet<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    static JsonObject json(Path p) throws Exception { return JsonParser.parseString(Files.readString(p)).getAsJsonObject(); }
}
