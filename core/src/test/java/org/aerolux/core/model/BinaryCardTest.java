package org.aerolux.core.model;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.aerolux.core.ModelException;
import org.aerolux.core.testing.DeepnessSigmoid;
import org.aerolux.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Binary (single-channel sigmoid) models: Deepness' one-class form, seg_thresh, and what is refused. */
class BinaryCardTest {
    static final Path FILE = Path.of("roads.onnx");

    @TempDir
    Path tmp;

    static Map<String, String> deepness(String classNames) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model_type", "\"Segmentor\"");
        m.put("class_names", classNames);
        m.put("tiles_size", "256");
        return m;
    }

    @Test
    void theDeepnessSigmoidModelIsBackgroundAndItsOneClassWithItsThreshold() {
        Path model = DeepnessSigmoid.model();
        OnnxModelFile file = OnnxModelFile.read(model);
        ModelCard c = ModelCardParser.read(model, file);
        assertTrue(c.isBinary());
        assertArrayEquals(new String[] {"background", DeepnessSigmoid.FOREGROUND}, c.classNames());
        assertEquals(OptionalDouble.of(DeepnessSigmoid.THRESHOLD), c.binaryThreshold());
        assertEquals(OutputKind.PROBABILITIES, c.output());
        assertEquals(1, c.expectedOutputChannels());
        assertFalse(c.extras().containsKey("seg_thresh"), "seg_thresh is used, not an unknown extra");
        assertEquals("0.7", c.toMetadata().get("seg_thresh"));
        ModelIo io = ModelIo.check(model, file, c);
        assertEquals(1, io.outputChannels());
    }

    @Test
    void oneClassNameMeansBinaryAtThresholdHalfByDefault() {
        ModelCard c = ModelCardParser.parse(FILE, deepness("{\"0\": \"road\"}"));
        assertEquals(OptionalDouble.of(0.5), c.binaryThreshold());
        assertArrayEquals(new String[] {"background", "road"}, c.classNames());
        assertEquals("#000000", c.classes().get(0).color());
        assertNotEquals("#000000", c.classes().get(1).color(), "the foreground gets a colour of its own");
        // Deepness' list form, one dict per output
        assertTrue(ModelCardParser.parse(FILE, deepness("[{\"0\": \"road\"}]")).isBinary());
    }

    @Test
    void twoClassNamesAreBinaryOnlyForAFileWithOneOutputChannel() {
        Map<String, String> m = deepness("{\"0\": \"not_road\", \"1\": \"road\"}");
        m.put("seg_thresh", "0.35");
        ModelCard multi = ModelCardParser.parse(FILE, m);
        assertFalse(multi.isBinary(), "without a one-channel output two classes are a softmax model");
        assertEquals("0.35", multi.extras().get("seg_thresh"));
        ModelCard binary = ModelCardParser.parse(FILE, m, OptionalInt.empty(), OptionalInt.of(1));
        assertEquals(OptionalDouble.of(0.35), binary.binaryThreshold());
        assertArrayEquals(new String[] {"not_road", "road"}, binary.classNames(), "the card's own names are kept");
        assertEquals(binary, ModelCardParser.parse(FILE, binary.toMetadata(), OptionalInt.empty(), OptionalInt.of(1)));
        assertFalse(ModelCardParser.parse(FILE, m, OptionalInt.empty(), OptionalInt.of(2)).isBinary());
    }

    @Test
    void badThresholdsAndOneClassForSeveralChannelsAreNamedErrors() {
        for (String bad : new String[] {"0", "1", "1.5", "-0.2", "\"x\""}) {
            Map<String, String> m = deepness("{\"0\": \"road\"}");
            m.put("seg_thresh", bad);
            ModelException e = assertThrows(ModelException.class, () -> ModelCardParser.parse(FILE, m), bad);
            assertTrue(e.getMessage().contains("model card key seg_thresh"), e.getMessage());
        }
        ModelException e = assertThrows(ModelException.class,
                () -> ModelCardParser.parse(FILE, deepness("{\"0\": \"road\"}"), OptionalInt.empty(), OptionalInt.of(3)));
        assertTrue(e.getMessage().contains("class_names names 1 class but the model outputs 3 channels"), e.getMessage());
    }

    @Test
    void anAeroLuxCardNamingOneClassOfATwoChannelModelIsRefused() throws Exception {
        Path model = Files.copy(TestModels.conv3x3(), tmp.resolve("c.onnx")); // 2 output channels
        Files.writeString(ModelCardParser.sidecarOf(model), "{\"aerolux.classes\": [{\"name\": \"roof\", \"color\": \"#ff0000\"}]}");
        ModelException e = assertThrows(ModelException.class, () -> ModelCardParser.read(model, OnnxModelFile.read(model)));
        assertTrue(e.getMessage().contains("aerolux.classes names 1 class but the model outputs 2 channels"), e.getMessage());
        assertTrue(e.getMessage().contains("c.onnx.json"), "the sidecar is named: " + e.getMessage());
    }

    @Test
    void aBinaryCardIsCheckedAgainstTheFile() {
        // a one-channel card for a two-channel file (no hint given to the parser): ModelIo says what is wrong
        Path model = TestModels.conv3x3();
        OnnxModelFile file = OnnxModelFile.read(model);
        Map<String, String> m = new LinkedHashMap<>(file.metadata());
        m.put("aerolux.classes", "[{\"name\": \"roof\", \"color\": \"#ff0000\"}]");
        ModelCard c = ModelCardParser.parse(model, m);
        ModelException e = assertThrows(ModelException.class, () -> ModelIo.check(model, file, c));
        assertTrue(e.getMessage().contains("has 2 channels but the card lists 1 channel: a single-channel (sigmoid) model"
                + " of the classes background and roof"), e.getMessage());
    }
}
