package org.aerolux.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aerolux.core.BadInputException;
import org.aerolux.core.UsageException;
import org.aerolux.core.testing.SharedData;
import org.aerolux.segmentation.FileSegmentation;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of a job that need no Spark context: masters and retries, the scene list, the JVM options. */
class SparkSetupTest {
    @TempDir
    Path tmp;

    @Test
    void localMastersGetRetriesOthersAreLeftAsGiven() {
        SparkConf none = new SparkConf(false);
        assertEquals("local[*,4]", SparkJob.master(null, none, 4));
        assertEquals("local[2,3]", SparkJob.master("local[2]", none, 3));
        assertEquals("local[1,4]", SparkJob.master("local", none, 4));
        assertEquals("local[2,7]", SparkJob.master("local[2,7]", none, 4), "an explicit count of failures stays");
        assertEquals("spark://head:7077", SparkJob.master("spark://head:7077", none, 4));
        assertEquals("yarn", SparkJob.master(null, new SparkConf(false).set("spark.master", "yarn"), 4), "spark-submit's master");
        SparkOptions o = new SparkOptions();
        o.master = "local[2]";
        o.maxFailures = 3;
        SparkConf c = SparkJob.conf("t", o);
        assertEquals("3", c.get("spark.task.maxFailures"));
        assertEquals("false", c.get("spark.ui.enabled"));
        o.maxFailures = 0;
        assertThrows(UsageException.class, () -> SparkJob.conf("t", o));
    }

    @Test
    void threadsDefaultToTheCoresSparkGivesEachTask() {
        SparkOptions o = new SparkOptions();
        assertEquals(1, o.threads(null), "spark.task.cpus defaults to 1");
        assertEquals(0, o.threads(0), "given: all cores");
        System.setProperty("spark.task.cpus", "3");
        try {
            assertEquals(3, o.threads(null));
        } finally {
            System.clearProperty("spark.task.cpus");
        }
    }

    @Test
    void aListNamesScenesRelativeToItselfSkipsCommentsAndNamesTheLineOfAMissingScene() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("d")).resolve("a.tif");
        Files.write(a, new byte[] {1});
        Path list = tmp.resolve("list.txt");
        Files.writeString(list, "# scenes\n\n  d/a.tif  \n" + a + "\n");
        assertEquals(List.of(a.toString(), a.toString()), SceneList.of(list, SparkSegmentCommand::isTiff, FileSegmentation::rastersIn));
        Files.writeString(list, "d/a.tif\nd/missing.tif\n");
        BadInputException e = assertThrows(BadInputException.class,
                () -> SceneList.of(list, SparkSegmentCommand::isTiff, FileSegmentation::rastersIn));
        assertEquals(list, e.file());
        assertTrue(e.getMessage().contains("line 2: scene not found"), e.getMessage());
        assertEquals(List.of(a.toString()), SceneList.of(a, SparkSegmentCommand::isTiff, FileSegmentation::rastersIn), "one scene");
        assertEquals(List.of(a.toString()), SceneList.of(tmp.resolve("d"), SparkSegmentCommand::isTiff, FileSegmentation::rastersIn));
        Files.writeString(list, "# nothing\n");
        assertThrows(BadInputException.class, () -> SceneList.of(list, SparkSegmentCommand::isTiff, FileSegmentation::rastersIn));
        UsageException clash = assertThrows(UsageException.class, () -> SceneList.checkDistinctOutputs(List.of(a.toString(),
                tmp.resolve("b/a.tif").toString()), p -> tmp.resolve(FileSegmentation.stem(p) + FileSegmentation.PROVENANCE_SUFFIX)));
        assertTrue(clash.getMessage().contains("would overwrite"), clash.getMessage());
    }

    @Test
    void theTestJvmAndTheLauncherUseTheSameSparkJvmOptions() throws Exception {
        List<String> wanted = Files.readAllLines(SharedData.repo().resolve("spark/jvm.options")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertTrue(wanted.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), wanted.toString());
        List<String> running = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String w : wanted) assertTrue(running.contains(w), w + " is in spark/jvm.options but not in the surefire argLine");
        assertTrue(Files.readString(SharedData.repo().resolve("bin/aerolux-spark")).contains("spark/jvm.options"), "the launcher reads the file");
    }

    @Test
    void badOptionsAndMissingModelsAreOneLineErrorsWithTheCliExitCodes() {
        StringWriter err = new StringWriter();
        int code = AeroLuxSpark.run(new String[] {"segment", "--model", "no-such-model", "--input", tmp.toString(), "--output",
                tmp.resolve("o").toString()}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(3, code, "an empty folder is a bad input: " + err);
        assertTrue(err.toString().startsWith("aerolux-spark: " + tmp + ": no scenes to process"), err.toString());
        err.getBuffer().setLength(0);
        code = AeroLuxSpark.run(new String[] {"segment", "--model", "m", "--input", tmp.toString(), "--output", "o", "--outputs", "nothing"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(2, code, err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }
}
