package org.aerolux.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.aerolux.core.AeroLuxException;
import org.aerolux.core.ModelException;
import org.aerolux.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardParserTest {
    static final Path FILE = Path.of("m.onnx");

    @TempDir
    Path tmp;

    static Map<String, String> aeroluxCard() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("aerolux.model_type", "segmentation");
        m.put("aerolux.name", "farseg-demo");
        m.put("aerolux.version", "2");
        m.put("aerolux.classes", "[{\"name\":\"background\",\"color\":\"#000000\"},{\"name\":\"building\",\"color\":\"#FF0000\"}]");
        m.put("aerolux.input_bands", "[\"red\",\"green\",\"blue\"]");
        m.put("aerolux.scale", "255.0");
        m.put("aerolux.mean", "[0.485,0.456,0.406]");
        m.put("aerolux.std", "[0.229,0.224,0.225]");
        m.put("aerolux.tile_size", "512");
        m.put("aerolux.overlap", "64");
        m.put("aerolux.size_multiple", "32");
        m.put("aerolux.output", "logits");
        m.put("aerolux.temperature", "1.7");
        m.put("aerolux.resolution_m", "0.3");
        m.put("aerolux.license", "MIT");
        m.put("aerolux.training", "iSAID, 12 epochs");
        m.put("aerolux.extra_thing", "kept");
        return m;
    }

    @Test
    void parsesEveryAeroLuxKey() {
        ModelCard c = ModelCardParser.parse(FILE, aeroluxCard());
        assertEquals(ModelType.SEGMENTATION, c.modelType());
        assertEquals("farseg-demo", c.name());
        assertEquals("2", c.version());
        assertEquals(List.of(new ClassInfo("background", "#000000"), new ClassInfo("building", "#ff0000")), c.classes());
        assertEquals(0xff0000, c.classes().get(1).rgb());
        assertEquals(List.of("red", "green", "blue"), c.inputBands());
        assertEquals(255.0, c.scale());
        assertEquals(List.of(0.485, 0.456, 0.406), c.mean());
        assertEquals(List.of(0.229, 0.224, 0.225), c.std());
        assertEquals(512, c.tileSize());
        assertEquals(64, c.overlap());
        assertEquals(32, c.sizeMultiple());
        assertEquals(OutputKind.LOGITS, c.output());
        assertEquals(1.7, c.temperature());
        assertEquals(0.3, c.resolutionM());
        assertEquals("MIT", c.license());
        assertEquals("iSAID, 12 epochs", c.training());
        assertEquals(Map.of("aerolux.extra_thing", "kept"), c.extras());
        assertEquals(2, c.expectedOutputChannels());
        // round trip through the metadata form
        assertEquals(c, ModelCardParser.parse(FILE, c.toMetadata()));
    }

    @Test
    void everyMissingRequiredKeyIsNamed() {
        for (String key : ModelCardParser.REQUIRED_KEYS) {
            Map<String, String> m = aeroluxCard();
            m.remove(key);
            ModelException e = assertThrows(ModelException.class, () -> ModelCardParser.parse(FILE, m), key);
            assertTrue(e.getMessage().startsWith("m.onnx: model card lacks required key " + key), e.getMessage());
            assertEquals(4, e.exitCode().code());
        }
        Map<String, String> m = aeroluxCard();
        m.remove("aerolux.classes");
        assertTrue(assertThrows(ModelException.class, () -> ModelCardParser.parse(FILE, m)).getMessage()
                .contains("lacks required key aerolux.classes"));
        m.put("aerolux.model_type", "enhancement");
        m.put("aerolux.output", "image");
        assertEquals(0, ModelCardParser.parse(FILE, m).classCount(), "enhancement needs no classes");
        assertTrue(assertThrows(ModelException.class, () -> ModelCardParser.parse(FILE, Map.of())).getMessage()
                .contains("no card"));
    }

    @Test
    void invalidValuesAreNamed() {
        Object[][] cases = {
                {"aerolux.model_type", "detector", "must be segmentation or enhancement"},
                {"aerolux.tile_size", "abc", "must be a number"},
                {"aerolux.tile_size", "100", "not a multiple of aerolux.size_multiple 32"},
                {"aerolux.tile_size", "-32", "must be a whole number"},
                {"aerolux.overlap", "512", "must be smaller than the tile size"},
                {"aerolux.overlap", "1.5", "must be a whole number"},
                {"aerolux.scale", "0", "must be greater than 0"},
                {"aerolux.scale", "NaN", "finite"},
                {"aerolux.temperature", "-1", "must be greater than 0"},
                {"aerolux.std", "[1,0,1]", "must not contain 0"},
                {"aerolux.mean", "[0.5,0.5]", "has 2 values but there are 3 input bands"},
                {"aerolux.mean", "{\"a\":1}", "JSON array of numbers"},
                {"aerolux.mean", "[[1],[2],[3]]", "JSON array of numbers"},
                {"aerolux.mean", "[1, \"x\", 2]", "must be a number"},
                {"aerolux.classes", "[{\"name\":\"a\"}]", "needs a color"},
                {"aerolux.classes", "[]", "lists no class"},
                {"aerolux.classes", "[[[[", "not valid JSON"},
                {"aerolux.input_bands", "[]", "non-empty JSON array"},
                {"aerolux.output", "image", "a segmentation model outputs logits or probabilities"},
                {"aerolux.output", "scores", "must be logits, probabilities or image"},
                {"aerolux.resolution_m", "-0.5", "must not be negative"},
        };
        for (Object[] c : cases) {
            Map<String, String> m = aeroluxCard();
            m.put((String) c[0], (String) c[1]);
            ModelException e = assertThrows(ModelException.class, () -> ModelCardParser.parse(FILE, m), c[0] + "=" + c[1]);
            assertTrue(e.getMessage().contains("model card key " + c[0]) && e.getMessage().contains((String) c[2]),
                    c[0] + "=" + c[1] + " -> " + e.getMessage());
        }
    }

    @Test
    void deepnessKeysAreMapped() {
        // as Deepness' tools/add_model_metadata.py writes them: every value json.dumps'ed
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model_type", "\"Segmentor\"");
        m.put("class_names", "{\"0\": \"not_road\", \"1\": \"road\"}");
        m.put("resolution", "21");
        m.put("tiles_size", "512");
        m.put("tiles_overlap", "15");
        m.put("standardization_mean", "[0.1, 0.2, 0.3]");
        m.put("standardization_std", "[0.5, 0.5, 0.5]");
        m.put("seg_thresh", "0.5");
        ModelCard c = ModelCardParser.parse(Path.of("dir/roads.onnx"), m);
        assertEquals(ModelType.SEGMENTATION, c.modelType());
        assertEquals("roads", c.name());
        assertArrayEquals(new String[] {"not_road", "road"}, c.classNames());
        assertEquals(0.21, c.resolutionM(), 1e-12);
        assertEquals(512, c.tileSize());
        assertEquals(77, c.overlap()); // 15 % of 512
        assertEquals(List.of(0.1, 0.2, 0.3), c.mean());
        assertEquals(List.of(0.5, 0.5, 0.5), c.std());
        assertEquals(255.0, c.scale());
        assertEquals(1, c.sizeMultiple());
        assertEquals(OutputKind.PROBABILITIES, c.output());
        assertEquals(Map.of("seg_thresh", "0.5"), c.extras());
    }

    @Test
    void deepnessPythonLiteralsListsAndDefaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model_type", "Segmentor"); // not JSON-quoted
        m.put("class_names", "[{0: '_background', 1: 'building', 2: 'woodland'}]"); // ast.literal_eval form, one output
        ModelCard c = ModelCardParser.parse(Path.of("landcover.onnx"), m, OptionalInt.of(256));
        assertArrayEquals(new String[] {"_background", "building", "woodland"}, c.classNames());
        assertEquals(256, c.tileSize(), "tile size from a fixed input size");
        assertEquals(38, c.overlap()); // default 15 %
        assertEquals(List.of("red", "green", "blue"), c.inputBands());
        assertEquals(List.of(0.0, 0.0, 0.0), c.mean());
        assertEquals(0.0, c.resolutionM());
        ModelException noTile = assertThrows(ModelException.class, () -> ModelCardParser.parse(Path.of("landcover.onnx"), m));
        assertTrue(noTile.getMessage().contains("lacks required key aerolux.tile_size (or Deepness' tiles_size)"), noTile.getMessage());
        m.put("model_type", "\"Detector\"");
        ModelException det = assertThrows(ModelException.class, () -> ModelCardParser.parse(Path.of("landcover.onnx"), m, OptionalInt.of(256)));
        assertTrue(det.getMessage().contains("Deepness model type 'Detector' is not supported"), det.getMessage());
        m.put("model_type", "Segmentor");
        m.put("class_names", "{\"0\": \"a\", \"2\": \"c\"}");
        assertTrue(assertThrows(ModelException.class, () -> ModelCardParser.parse(Path.of("x.onnx"), m, OptionalInt.of(64)))
                .getMessage().contains("not consecutive"));
    }

    @Test
    void aeroluxKeysWinOverDeepnessKeys() {
        Map<String, String> m = aeroluxCard();
        m.put("tiles_size", "1024");
        m.put("model_type", "\"Segmentor\"");
        ModelCard c = ModelCardParser.parse(FILE, m);
        assertEquals(512, c.tileSize());
        assertEquals("1024", c.extras().get("tiles_size"), "unused Deepness keys are kept as extras");
        m.remove("aerolux.overlap");
        m.put("tiles_overlap", "25");
        assertEquals(128, ModelCardParser.parse(FILE, m).overlap(), "a missing AeroLux key falls back to the Deepness one");
    }

    @Test
    void sidecarOverridesAndNamesItselfInErrors() throws Exception {
        Path model = Files.copy(TestModels.conv3x3(), tmp.resolve("c.onnx"));
        Path sidecar = ModelCardParser.sidecarOf(model);
        assertEquals(tmp.resolve("c.onnx.json"), sidecar);
        Files.writeString(sidecar, "{\"aerolux.classes\": [{\"name\":\"sea\",\"color\":\"#0000ff\"},{\"name\":\"land\",\"color\":\"#00ff00\"}],"
                + " \"aerolux.name\": \"renamed\", \"aerolux.tile_size\": 32}");
        ModelCard c = ModelCardParser.read(model, OnnxModelFile.read(model));
        assertArrayEquals(new String[] {"sea", "land"}, c.classNames());
        assertEquals("renamed", c.name());
        assertEquals(32, c.tileSize());
        assertEquals(16, c.overlap(), "keys the sidecar does not set come from the model");

        Files.writeString(sidecar, "{\"aerolux.overlap\": 40, \"aerolux.tile_size\": 32}");
        ModelException e = assertThrows(ModelException.class, () -> ModelCardParser.read(model, OnnxModelFile.read(model)));
        assertTrue(e.getMessage().startsWith(sidecar + ": model card key aerolux.overlap"), e.getMessage());

        for (String bad : new String[] {"[1,2]", "not json {", "{\"aerolux.name\": null}", "\"text\"", "[".repeat(100000)}) {
            Files.writeString(sidecar, bad);
            ModelException s = assertThrows(ModelException.class, () -> ModelCardParser.read(model, OnnxModelFile.read(model)), bad);
            assertTrue(s.getMessage().startsWith(sidecar.toString()), s.getMessage());
        }
    }

    @Test
    void garbageCardsAndSidecarsOnlyEverGiveModelException() {
        Random r = new Random(5);
        String[] atoms = {"[", "]", "{", "}", "\"", "'", ":", ",", "1", "-1e999", "NaN", "null", "true", "x", "\\", " ",
                "\"name\"", "\"color\"", "\"#ffffff\"", "0", "1.5", "\u0000", "\ud800"};
        for (int round = 0; round < 4000; round++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0, n = r.nextInt(40); k < n; k++) sb.append(atoms[r.nextInt(atoms.length)]);
            String text = sb.toString();
            Map<String, String> m = aeroluxCard();
            String key = ModelCardParser.REQUIRED_KEYS.get(r.nextInt(ModelCardParser.REQUIRED_KEYS.size()));
            m.put(r.nextBoolean() ? key : "aerolux.classes", text);
            if (r.nextInt(4) == 0) {
                m.clear();
                m.put("model_type", text);
                m.put("class_names", text);
                m.put("tiles_overlap", text);
            }
            try {
                ModelCardParser.parse(FILE, m, OptionalInt.of(64));
            } catch (AeroLuxException e) {
                assertEquals(4, e.exitCode().code());
            } catch (Throwable t) {
                fail(text + " -> " + t, t);
            }
            try {
                ModelCardParser.parseSidecar(FILE, text);
            } catch (AeroLuxException e) {
                assertEquals(4, e.exitCode().code());
            } catch (Throwable t) {
                fail("sidecar " + text + " -> " + t, t);
            }
        }
    }
}
