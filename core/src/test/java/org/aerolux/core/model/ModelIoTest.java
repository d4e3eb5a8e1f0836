package org.aerolux.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.aerolux.core.ModelException;
import org.junit.jupiter.api.Test;

class ModelIoTest {
    static final Path FILE = Path.of("m.onnx");
    static final ModelCard CARD = ModelCardParser.parse(FILE, ModelCardParserTest.aeroluxCard()); // 3 bands, 2 classes, tile 512

    static TensorSpec t(String name, int type, long... dims) {
        return new TensorSpec(name, type, java.util.Arrays.stream(dims).boxed().toList(),
                java.util.Arrays.stream(dims).mapToObj(d -> d < 0 ? "D" : "").toList());
    }

    static OnnxModelFile model(List<TensorSpec> in, List<TensorSpec> out) { return new OnnxModelFile(8, "test", Map.of(), in, out); }

    @Test
    void dynamicAndFixedShapesThatFitTheCard() {
        ModelIo dynamic = ModelIo.check(FILE, model(List.of(t("x", 1, -1, 3, -1, -1)), List.of(t("y", 1, -1, 2, -1, -1))), CARD);
        assertEquals(new ModelIo("x", "y", 3, 2, 0, 0), dynamic);
        ModelIo fixed = ModelIo.check(FILE, model(List.of(t("x", 1, 1, 3, 512, 512)), List.of(t("y", 1, 1, 2, 512, 512))), CARD);
        assertEquals(1, fixed.fixedBatch());
        assertEquals(512, fixed.fixedSize());
        ModelIo unknownChannels = ModelIo.check(FILE, model(List.of(t("x", 1, -1, -1, -1, -1)), List.of(t("y", 1, -1, -1, -1, -1))), CARD);
        assertEquals(2, unknownChannels.outputChannels(), "dynamic output channels come from the card");
    }

    @Test
    void mismatchesAreNamed() {
        Object[][] cases = {
                {List.of(t("x", 1, -1, 4, -1, -1)), List.of(t("y", 1, -1, 2, -1, -1)), "has 4 channels but the card lists 3 input bands"},
                {List.of(t("x", 1, -1, 3, -1, -1)), List.of(t("y", 1, -1, 5, -1, -1)), "has 5 channels but the card lists 2 classes"},
                {List.of(t("x", 7, -1, 3, -1, -1)), List.of(t("y", 1, -1, 2, -1, -1)), "element type 7"},
                {List.of(t("x", 1, -1, 3, -1)), List.of(t("y", 1, -1, 2, -1, -1)), "rank 3"},
                {List.of(t("x", 1, -1, 3, -1, -1)), List.of(t("y", 1, 2, -1)), "model output 'y' has rank 2"},
                {List.of(t("x", 1, -1, 3, 256, 256)), List.of(t("y", 1, -1, 2, -1, -1)), "takes 256x256 tiles but the card says aerolux.tile_size 512"},
                {List.of(t("x", 1, -1, 3, 512, 256)), List.of(t("y", 1, -1, 2, -1, -1)), "non-square"},
                {List.of(t("x", 1, -1, 3, 512, 512)), List.of(t("y", 1, -1, 2, 256, 256)), "differs in size from its input"},
                {List.of(t("x", 1, 1L << 40, 3, -1, -1)), List.of(t("y", 1, -1, 2, -1, -1)), "unusable batch size"},
                {List.of(), List.of(t("y", 1, -1, 2, -1, -1)), "0 inputs"},
                {List.of(t("a", 1, -1, 3, -1, -1), t("b", 1, -1, 3, -1, -1)), List.of(t("y", 1, -1, 2, -1, -1)), "2 inputs"},
                {List.of(t("x", 1, -1, 3, -1, -1)), List.of(), "declares no output"},
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            OnnxModelFile m = model((List<TensorSpec>) c[0], (List<TensorSpec>) c[1]);
            ModelException e = assertThrows(ModelException.class, () -> ModelIo.check(FILE, m, CARD), (String) c[2]);
            assertTrue(e.getMessage().startsWith("m.onnx: ") && e.getMessage().contains((String) c[2]), e.getMessage());
        }
    }
}
