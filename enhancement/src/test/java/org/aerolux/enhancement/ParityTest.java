package org.aerolux.enhancement;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;
import org.aerolux.core.image.ImgRasterSink;
import org.aerolux.core.image.ImgRasterSource;
import org.aerolux.core.model.Model;
import org.aerolux.core.tile.Blender;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ONNX Runtime in Java, through AeroLux's whole-image path (mirror-extended by ModePlanner.BORDER_MARGIN on every side
 * and rounded to the size multiple with Views.extendMirrorSingle, crop back), against PyTorch's outputs in the
 * committed fixtures of cue-demo and cue-lowlight (synthetic inputs), within 1e-3.
 */
class ParityTest extends WithCueModel {
    /** The raw (unclamped) model output through the padding path matches PyTorch's. */
    @ParameterizedTest
    @ValueSource(strings = {"lowlight_96x128", "odd_75x130", "batch2_64x80"})
    void wholeImagePathMatchesPyTorch(String name) { assertParity(model, "cue-demo", name); }

    /** The same for the default model, cue-lowlight. */
    @ParameterizedTest
    @ValueSource(strings = {"lowlight_96x128", "odd_75x130", "batch2_64x80"})
    void cueLowlightMatchesPyTorch(String name) {
        try (Model lowlight = CueFixtures.load("cue-lowlight")) {
            assertParity(lowlight, "cue-lowlight", name);
        }
    }

    private static void assertParity(Model model, String modelName, String name) {
        CueFixtures.Case f = CueFixtures.read(modelName, name);
        for (int i = 0; i < f.n(); i++) {
            ImgRasterSource<FloatType> src = ImgRasterSource.of(f.inputImage(i));
            FloatCollector out = GapProbe.run(src, new int[] {0, 1, 2}, model, ModePlanner.wholeGrid(f.w(), f.h(), 4), Blender.CENTER, 1,
                    new org.aerolux.core.pipeline.Cancellation());
            float[] expected = f.outputPlanes(i);
            double max = 0;
            for (int c = 0; c < 3; c++)
                for (int p = 0; p < f.h() * f.w(); p++) max = Math.max(max, Math.abs(out.data[c][p] - expected[c * f.h() * f.w() + p]));
            assertTrue(max <= 1e-3, modelName + " " + name + " image " + i + ": max abs difference " + max);
        }
    }

    /** The full enhancer on float data with range 0..1 gives PyTorch's output clamped to [0, 1]. */
    @ParameterizedTest
    @ValueSource(strings = {"odd_75x130"})
    void enhancerGivesTheClampedModelOutput(String name) {
        CueFixtures.Case f = CueFixtures.read(name);
        try (Enhancer e = Enhancer.builder().model(model).range(ValueRange.user(0, 1)).build()) {
            ImgRasterSink<FloatType> sink = new ImgRasterSink<>(f.w(), f.h(), 3, new FloatType());
            EnhancementResult r = e.enhance(ImgRasterSource.of(f.inputImage(0)), like -> sink);
            assertEquals(EnhancementMode.WHOLE, r.plan().mode());
            assertEquals(List.of(), r.untouched());
            Img<FloatType> img = sink.result().orElseThrow();
            float[] expected = f.outputPlanes(0);
            var c = img.cursor();
            double max = 0;
            int k = 0;
            // ArrayImg iterates in flat order [x, y, c] = the NCHW planes
            while (c.hasNext()) {
                float want = Math.max(0f, Math.min(1f, expected[k++]));
                max = Math.max(max, Math.abs(c.next().get() - want));
            }
            assertTrue(max <= 1e-3, "max abs difference " + max);
        }
    }
}
