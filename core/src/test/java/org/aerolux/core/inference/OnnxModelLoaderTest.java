package org.aerolux.core.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.aerolux.core.DeviceException;
import org.aerolux.core.ExitCode;
import org.aerolux.core.ModelException;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.model.ModelType;
import org.aerolux.core.model.NchwTensor;
import org.aerolux.core.model.OutputKind;
import org.aerolux.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelLoaderTest {
    @TempDir
    Path tmp;

    @Test
    void identityRunsOnCpuAndReturnsItsInput() {
        try (OnnxRuntimeModel m = OnnxModelLoader.load(TestModels.identity(), InferenceOptions.cpu(1))) {
            assertEquals(3, m.inputChannels());
            assertEquals(3, m.outputChannels());
            assertEquals("cpu", m.device().device());
            assertEquals("CPUExecutionProvider", m.device().provider());
            NchwTensor in = random(2, 3, 5, 7, 1);
            NchwTensor out = m.run(in);
            assertEquals(in.shapeText(), out.shapeText());
            assertArrayEquals(in.data(), out.data());
        }
    }

    @Test
    void autoFallsBackToCpuAndSaysWhy() {
        try (OnnxRuntimeModel m = OnnxModelLoader.load(TestModels.conv3x3(), InferenceOptions.DEFAULT)) {
            assertEquals("cpu", m.device().device());
            assertEquals(DeviceRequest.AUTO, m.device().requested());
            assertTrue(m.device().isFallback());
            String reason = m.device().reason();
            assertTrue(reason.startsWith("auto: "), reason);
            assertTrue(reason.contains("CUDA"), reason);
            assertTrue(reason.endsWith("running on CPU"), reason);
            assertTrue(m.device().runtime().startsWith("ONNX Runtime 1.29.0 via DJL 0.38"), m.device().runtime());
            assertEquals("true", System.getProperty("ai.djl.offline"));
        }
    }

    @Test
    void strictGpuIsADeviceError() {
        for (String device : new String[] {"gpu", "gpu:1"}) {
            DeviceException e = assertThrows(DeviceException.class, () -> OnnxModelLoader.load(TestModels.conv3x3(),
                    InferenceOptions.DEFAULT.withDevice(DeviceRequest.parse(device))));
            assertEquals(ExitCode.DEVICE, e.exitCode());
            assertEquals(5, e.exitCode().code());
            assertTrue(e.getMessage().contains("--device " + device + ": CUDA device"), e.getMessage());
            assertTrue(e.getMessage().contains("conv3x3.onnx"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void cudaTuningGoesThroughTheSameFallbackAndStrictPaths() {
        // with the CPU jar the provider options cannot even be created; with the GPU jar (-Pgpu) and no CUDA on the
        // machine the CUDA provider library does not load: either way auto runs on the CPU and says why, gpu is exit 5
        InferenceOptions tuned = InferenceOptions.DEFAULT.withCuda(CudaOptions.parse("2G", "heuristic"));
        try (OnnxRuntimeModel m = OnnxModelLoader.load(TestModels.conv3x3(), tuned)) {
            assertEquals("cpu", m.device().device());
            assertTrue(m.device().reason().startsWith("auto: "), m.device().reason());
            assertTrue(m.device().reason().endsWith("running on CPU"), m.device().reason());
            boolean gpuJar = ai.onnxruntime.OrtEnvironment.getAvailableProviders().contains(ai.onnxruntime.OrtProvider.CUDA);
            assertTrue(m.device().reason().contains(gpuJar ? "CUDA execution provider did not load"
                    : "this ONNX Runtime build has no CUDA execution provider"), m.device().reason());
            assertEquals(gpuJar, !m.device().reason().contains("-Pgpu"), m.device().reason());
        }
        DeviceException e = assertThrows(DeviceException.class, () -> OnnxModelLoader.load(TestModels.conv3x3(),
                tuned.withDevice(DeviceRequest.parse("gpu:0"))));
        assertEquals(5, e.exitCode().code());
        assertTrue(e.getMessage().contains("--device gpu:0: CUDA device 0 cannot be used: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(use --device auto or cpu)"), e.getMessage());
    }

    @Test
    void missingCardKeyIsNamed() {
        ModelException e = assertThrows(ModelException.class, () -> OnnxModelLoader.load(TestModels.missingKey(), InferenceOptions.cpu(1)));
        assertEquals(4, e.exitCode().code());
        assertTrue(e.getMessage().contains("missing_key.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("lacks required key aerolux.overlap"), e.getMessage());
    }

    @Test
    void wrongInputRankIsRejectedBeforeAnyTile() {
        ModelException e = assertThrows(ModelException.class, () -> OnnxModelLoader.load(TestModels.wrongRank(), InferenceOptions.cpu(1)));
        assertEquals(ExitCode.BAD_MODEL, e.exitCode());
        assertTrue(e.getMessage().contains("wrong_rank.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("rank 3 (shape [3, H, W])"), e.getMessage());
        assertTrue(e.getMessage().contains("NCHW"), e.getMessage());
    }

    @Test
    void nonOnnxFilesAreModelErrors() throws Exception {
        Path text = tmp.resolve("notes.onnx");
        Files.writeString(text, "this is not a model\n");
        Path empty = Files.createFile(tmp.resolve("empty.onnx"));
        Path truncated = tmp.resolve("truncated.onnx");
        byte[] conv = Files.readAllBytes(TestModels.conv3x3());
        Files.write(truncated, Arrays.copyOf(conv, conv.length / 2));
        Path missing = tmp.resolve("absent.onnx");
        for (Path p : new Path[] {text, empty, truncated, missing, tmp}) {
            ModelException e = assertThrows(ModelException.class, () -> OnnxModelLoader.load(p, InferenceOptions.cpu(1)), p.toString());
            assertEquals(4, e.exitCode().code());
            assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void validProtobufThatOnnxRuntimeRejectsIsAModelError() throws Exception {
        // a graph with a valid card and shapes but a node ONNX Runtime does not know
        byte[] conv = Files.readAllBytes(TestModels.conv3x3());
        String s = new String(conv, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = s.indexOf("Relu");
        assertTrue(at > 0);
        byte[] broken = conv.clone();
        broken[at] = 'Q'; // op type "Qelu" does not exist
        Path p = tmp.resolve("unknown_op.onnx");
        Files.write(p, broken);
        ModelException e = assertThrows(ModelException.class, () -> OnnxModelLoader.load(p, InferenceOptions.cpu(1)));
        assertTrue(e.getMessage().contains("ONNX Runtime cannot load the model"), e.getMessage());
    }

    @Test
    void channelMismatchBetweenCardAndGraphIsNamed() throws Exception {
        Path model = Files.copy(TestModels.conv3x3(), tmp.resolve("conv4.onnx"));
        Files.writeString(tmp.resolve("conv4.onnx.json"), "{\"aerolux.input_bands\": [\"r\",\"g\",\"b\",\"nir\"],"
                + " \"aerolux.mean\": [0,0,0,0], \"aerolux.std\": [1,1,1,1]}");
        ModelException e = assertThrows(ModelException.class, () -> OnnxModelLoader.load(model, InferenceOptions.cpu(1)));
        assertTrue(e.getMessage().contains("has 3 channels but the card lists 4 input bands"), e.getMessage());
    }

    @Test
    void sidecarOverridesTheCard() throws Exception {
        Path model = Files.copy(TestModels.conv3x3(), tmp.resolve("conv.onnx"));
        Files.writeString(tmp.resolve("conv.onnx.json"), "{\"aerolux.tile_size\": 128, \"aerolux.overlap\": 24, \"aerolux.temperature\": 1.5}");
        try (OnnxRuntimeModel m = OnnxModelLoader.load(model, InferenceOptions.cpu(1))) {
            assertEquals(128, m.card().tileSize());
            assertEquals(24, m.card().overlap());
            assertEquals(1.5, m.card().temperature());
            assertEquals(8, m.card().sizeMultiple());
        }
    }

    @Test
    void deepnessStyleModelLoadsWithMappedCard() {
        try (OnnxRuntimeModel m = OnnxModelLoader.load(TestModels.deepness(), InferenceOptions.cpu(1))) {
            assertEquals(ModelType.SEGMENTATION, m.card().modelType());
            assertEquals("deepness", m.card().name());
            assertEquals(64, m.card().tileSize());
            assertEquals(16, m.card().overlap());
            assertEquals(0.5, m.card().resolutionM(), 1e-12);
            assertEquals(255.0, m.card().scale());
            assertEquals(OutputKind.PROBABILITIES, m.card().output());
            assertArrayEquals(new String[] {"background", "field"}, m.card().classNames());
            assertEquals("0.5", m.card().extras().get("seg_thresh"));
            assertEquals(2, m.outputChannels());
            NchwTensor out = m.run(random(1, 3, 16, 24, 2));
            assertEquals("1x2x16x24", out.shapeText());
        }
    }

    @Test
    void modelFailureOnABatchIsAModelError() {
        try (OnnxRuntimeModel m = OnnxModelLoader.load(TestModels.identity(), InferenceOptions.cpu(1))) {
            ModelException e = assertThrows(ModelException.class, () -> m.run(random(1, 2, 4, 4, 3)));
            assertTrue(e.getMessage().contains("2 channels"), e.getMessage());
        }
    }

    static NchwTensor random(int n, int c, int h, int w, long seed) {
        Random r = new Random(seed);
        float[] d = new float[n * c * h * w];
        for (int i = 0; i < d.length; i++) d[i] = r.nextFloat() * 10 - 5;
        return new NchwTensor(d, n, c, h, w);
    }
}
