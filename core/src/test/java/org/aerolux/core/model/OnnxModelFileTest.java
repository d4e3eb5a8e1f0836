package org.aerolux.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.aerolux.core.AeroLuxException;
import org.aerolux.core.ModelException;
import org.aerolux.core.testing.TestModels;
import org.junit.jupiter.api.Test;

class OnnxModelFileTest {
    @Test
    void readsMetadataAndShapesOfTheFixtures() throws Exception {
        OnnxModelFile conv = OnnxModelFile.read(TestModels.conv3x3());
        assertEquals("segmentation", conv.metadata().get("aerolux.model_type"));
        assertEquals("[0.5, 0.5, 0.5]", conv.metadata().get("aerolux.mean").replace(",", ", "));
        assertEquals("3", conv.metadata().get("aerolux.receptive_field"));
        assertTrue(conv.producer().startsWith("pytorch"), conv.producer());
        assertEquals(1, conv.inputs().size(), "initializers must not count as inputs");
        TensorSpec in = conv.inputs().get(0);
        assertEquals("input", in.name());
        assertEquals(TensorSpec.FLOAT, in.elemType());
        assertEquals(List.of(-1L, 3L, -1L, -1L), in.dims());
        assertEquals("[N, 3, H, W]", in.shapeText());
        assertEquals("[N, 2, H, W]", conv.outputs().get(0).shapeText());
        assertEquals("[3, H, W]", OnnxModelFile.read(TestModels.wrongRank()).inputs().get(0).shapeText());
    }

    @Test
    void parsesAHandBuiltModelProto() {
        byte[] model = modelProto(List.of(entry("a", "1"), entry("b", "ünïcode ✓"), entry("a", "2")));
        OnnxModelFile f = OnnxModelFile.parse(null, model);
        assertEquals("2", f.metadata().get("a"), "a repeated key keeps its last value");
        assertEquals("ünïcode ✓", f.metadata().get("b"));
        assertEquals(7, f.irVersion());
    }

    @Test
    void rejectsFilesWithoutAGraph() {
        ModelException e = assertThrows(ModelException.class, () -> OnnxModelFile.parse(Path.of("x.onnx"),
                "hello world, not protobuf".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("x.onnx: not an ONNX model"), e.getMessage());
    }

    @Test
    void hugeDeclaredLengthsDoNotAllocate() {
        // metadata_props entry whose value claims 2^62 bytes: must be refused before any allocation
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(14 << 3 | 2);
        varint(b, 1L << 62);
        assertThrows(ModelException.class, () -> OnnxModelFile.parse(null, b.toByteArray()));
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        v.write(14 << 3 | 2);
        varint(v, 12);
        v.write(2 << 3 | 2);
        varint(v, 0x7fff_ffffL); // value length far beyond the entry
        v.writeBytes(new byte[9]);
        assertThrows(ModelException.class, () -> OnnxModelFile.parse(null, v.toByteArray()));
    }

    @Test
    void garbageOnlyEverGivesModelException() throws Exception {
        Random random = new Random(42);
        List<byte[]> seeds = List.of(Files.readAllBytes(TestModels.conv3x3()), Files.readAllBytes(TestModels.deepness()),
                Files.readAllBytes(TestModels.wrongRank()));
        int parsed = 0;
        for (int round = 0; round < 6000; round++) {
            byte[] seed = seeds.get(round % seeds.size());
            byte[] bytes;
            switch (round % 4) {
                case 0 -> { // random bit flips and byte changes
                    bytes = seed.clone();
                    for (int k = 0, n = 1 + random.nextInt(8); k < n; k++) bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                case 1 -> bytes = Arrays.copyOf(seed, random.nextInt(seed.length)); // truncation
                case 2 -> { // pure noise
                    bytes = new byte[random.nextInt(512)];
                    random.nextBytes(bytes);
                }
                default -> { // splice: a tail of one file into another
                    byte[] other = seeds.get(random.nextInt(seeds.size()));
                    int cut = random.nextInt(seed.length);
                    bytes = Arrays.copyOf(seed, cut + other.length - Math.min(cut, other.length - 1));
                    System.arraycopy(other, Math.min(cut, other.length - 1), bytes, cut, other.length - Math.min(cut, other.length - 1));
                }
            }
            try {
                OnnxModelFile f = OnnxModelFile.parse(Path.of("fuzz.onnx"), bytes);
                parsed++;
                // whatever parsed must also go through the card parser and shape check with typed errors only
                ModelCard card = ModelCardParser.parse(Path.of("fuzz.onnx"), f.metadata());
                ModelIo.check(Path.of("fuzz.onnx"), f, card);
            } catch (AeroLuxException e) {
                assertTrue(e.getMessage().startsWith("fuzz.onnx"), e.getMessage());
            } catch (Throwable t) {
                fail("round " + round + ": " + t, t);
            }
        }
        assertTrue(parsed > 0, "some mutated files still parse");
    }

    private static byte[] entry(String key, String value) {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        string(e, 1, key);
        string(e, 2, value);
        return e.toByteArray();
    }

    private static byte[] modelProto(List<byte[]> entries) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(1 << 3);
        varint(b, 7);
        b.write(7 << 3 | 2); // empty graph
        varint(b, 0);
        for (byte[] e : entries) {
            b.write(14 << 3 | 2);
            varint(b, e.length);
            b.writeBytes(e);
        }
        return b.toByteArray();
    }

    private static void string(ByteArrayOutputStream b, int field, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.write(field << 3 | 2);
        varint(b, bytes.length);
        b.writeBytes(bytes);
    }

    private static void varint(ByteArrayOutputStream b, long v) {
        while ((v & ~0x7fL) != 0) {
            b.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        b.write((int) v);
    }
}
