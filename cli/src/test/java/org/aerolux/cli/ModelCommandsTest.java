package org.aerolux.cli;

import static org.aerolux.cli.CliRun.list;
import static org.aerolux.cli.CliRun.run;
import static org.aerolux.cli.CliRun.runWithRegistry;
import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aerolux.core.model.Sha256;
import org.aerolux.core.testing.SharedData;
import org.aerolux.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** info on .onnx files, the models listing, and every bad model as a one-line error with exit code 4. */
class ModelCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void infoPrintsTheModelCard() {
        CliRun.Result r = run("info", TestModels.conv3x3().toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("Model:        conv3x3-test 1 (segmentation)"), r.out());
        assertTrue(r.out().contains("sha256:       " + Sha256.of(TestModels.conv3x3())), r.out());
        assertTrue(r.out().contains("Tiles:        64 px, overlap 16 px, size multiple 8"), r.out());
        assertTrue(r.out().contains("    1  #ffcc00  bright"), r.out());
        assertTrue(r.out().contains("aerolux.receptive_field = 3"), r.out());
        CliRun.Result json = run("info", "--json", TestModels.conv3x3().toString());
        assertEquals(0, json.code(), json.all());
        JsonObject o = JsonParser.parseString(json.out()).getAsJsonObject();
        assertEquals("model", o.get("kind").getAsString());
        assertEquals("conv3x3-test", o.getAsJsonObject("card").get("aerolux.name").getAsString());
        assertEquals(2, o.get("output_channels").getAsInt());
    }

    /** A registry in tmp with one good entry and one whose sha256 is wrong. */
    private Path registry() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("models"));
        Files.copy(TestModels.conv3x3(), dir.resolve("good.onnx"));
        Files.copy(TestModels.conv3x3(), dir.resolve("tampered.onnx"));
        String sha = Sha256.of(dir.resolve("good.onnx"));
        String wrong = sha.substring(0, 63) + (sha.charAt(63) == '0' ? '1' : '0');
        Files.writeString(dir.resolve("registry.json"), """
                {"models": [
                  {"name": "good", "file": "good.onnx", "type": "segmentation", "sha256": "%s"},
                  {"name": "tampered", "file": "tampered.onnx", "type": "segmentation", "sha256": "%s"},
                  {"name": "gone", "file": "gone.onnx", "type": "segmentation", "sha256": "%s"}
                ]}
                """.formatted(sha, wrong, sha));
        return dir;
    }

    @Test
    void modelsListsTheRegistryWithTheSha256Check() throws Exception {
        Path dir = registry();
        CliRun.Result r = runWithRegistry(dir, "models");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().startsWith("Registry: " + dir.resolve("registry.json")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("good\\s+good\\.onnx\\s+segmentation\\s+verified \\([0-9a-f]{12}\\.\\.\\.\\)")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("tampered\\s+tampered\\.onnx\\s+segmentation\\s+MISMATCH \\(sha256 differs from the registry\\)")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("gone\\s+gone\\.onnx\\s+segmentation\\s+MISSING FILE")), r.out());
        CliRun.Result json = runWithRegistry(dir.resolve("registry.json"), "models", "--json");
        assertEquals(0, json.code(), json.all());
        var models = JsonParser.parseString(json.out()).getAsJsonObject().getAsJsonArray("models");
        assertEquals(3, models.size());
        assertTrue(models.get(0).getAsJsonObject().get("verified").getAsBoolean());
        assertEquals("sha256_mismatch", models.get(1).getAsJsonObject().get("status").getAsString());
        CliRun.Result missing = runWithRegistry(tmp.resolve("nowhere"), "models");
        assertEquals(4, missing.code(), missing.all());
        assertTrue(missing.err().contains("-Daerolux.models names no model registry"), missing.err());
    }

    @Test
    void everyBadModelIsAOneLineModelErrorWithExitCode4AndNoOutput() throws Exception {
        Path dir = registry();
        Path notOnnx = tmp.resolve("notes.onnx");
        Files.writeString(notOnnx, "this is a text file, not a model\n");
        Path out = tmp.resolve("out");
        record Case(String model, String expected) {}
        List<Case> cases = List.of(
                new Case(TestModels.missingKey().toString(), "aerolux.overlap"),
                new Case(TestModels.wrongRank().toString(), "rank 3"),
                new Case(notOnnx.toString(), "not an ONNX model"),
                new Case("tampered", "has sha256 "),
                new Case("gone", "is in the registry but its file is missing"),
                new Case(tmp.resolve("absent.onnx").toString(), "model file not found"),
                new Case(TestModels.identity().toString(), "is an enhancement model"));
        for (Case c : cases) {
            CliRun.Result r = runWithRegistry(dir, "segment", "--model", c.model(), "--input", SharedData.landsat().toString(),
                    "--output", out.toString(), "--bands", "3,2,1");
            assertEquals(4, r.code(), c + "\n" + r.all());
            assertEquals(1, r.err().lines().count(), c + ": one line\n" + r.err());
            assertTrue(r.err().startsWith("aerolux: "), r.err());
            assertTrue(r.err().contains(c.expected()), c + "\n" + r.err());
            assertFalse(r.err().contains("Exception"), "no class names or stack traces: " + r.err());
            assertEquals(List.of(), list(out), c + ": no output");
        }
        CliRun.Result sha = runWithRegistry(dir, "segment", "--model", "tampered", "--input", SharedData.landsat().toString(),
                "--output", out.toString(), "--bands", "3,2,1");
        assertTrue(sha.err().contains("but the registry says"), sha.err());
        for (Path bad : List.of(TestModels.missingKey(), TestModels.wrongRank(), notOnnx)) {
            CliRun.Result r = run("info", bad.toString());
            assertEquals(4, r.code(), r.all());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("aerolux: " + bad + ": "), r.err());
        }
        CliRun.Result good = runWithRegistry(dir, "segment", "--model", "good", "--input", SharedData.landsat().toString(),
                "--output", out.toString(), "--bands", "3,2,1", "--quiet");
        assertEquals(0, good.code(), good.all());
        JsonObject prov = JsonParser.parseString(Files.readString(out.resolve("L7_ETMs_aerolux.json"))).getAsJsonObject();
        assertTrue(prov.getAsJsonObject("model").get("sha256_verified").getAsBoolean(), "a registry model is verified");
        assertEquals("good", prov.getAsJsonObject("model").get("registry_name").getAsString());
    }
}
