package org.aerolux.segmentation;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import org.aerolux.core.image.ImgRasterSink;
import org.aerolux.core.image.ImgRasterSource;
import org.aerolux.core.inference.InferenceOptions;
import org.aerolux.core.inference.OnnxModelLoader;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.model.Model;
import org.aerolux.core.model.ModelRegistry;
import org.aerolux.core.model.NchwTensor;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.pipeline.ProgressListener;
import org.aerolux.core.tile.Blender;
import org.aerolux.segmentation.area.PixelAreaModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ONNX Runtime in Java against PyTorch (the fixtures of models/make_farseg_fixtures.py): FarSeg probabilities within
 * 1e-4, on the bare model and through the segmenter's whole path from raw uint8 pixels (card normalisation, mirror
 * padding of an odd 75 x 130 window to 96 x 160, crop, softmax). The aerial models' fixtures are made from the
 * project's synthetic scenes too (models/release_aerial.py), never from the Dubai images they were trained on.
 */
class FarSegParityTest {
    static final double PROBABILITY_TOLERANCE = 1e-4;

    @ParameterizedTest
    @CsvSource({"farseg-demo,scene_crop_256", "farseg-demo,batch2_128x192", "farseg-demo-ce,scene_crop_256",
            "farseg-demo-ce,batch2_128x192", "farseg-aerial,scene_crop_256", "farseg-aerial,batch2_128x192",
            "farseg-aerial-fa,scene_crop_256", "farseg-aerial-fa,batch2_128x192"})
    void bareModelMatchesPyTorch(String modelName, String caseName) {
        FarSegFixtures.Case f = FarSegFixtures.read(modelName, caseName);
        try (Model model = OnnxModelLoader.load(FarSegFixtures.model(modelName), InferenceOptions.cpu(2))) {
            NchwTensor out = model.run(new NchwTensor(f.input(), f.n(), f.c(), f.h(), f.w()));
            assertEquals(f.classes(), out.c());
            double[] want = FarSegFixtures.softmax(f.logits(), f.n(), f.classes(), f.h(), f.w());
            double[] got = FarSegFixtures.softmax(out.data(), out.n(), out.c(), out.h(), out.w());
            double max = 0, maxLogit = 0;
            for (int i = 0; i < want.length; i++) {
                max = Math.max(max, Math.abs(want[i] - got[i]));
                maxLogit = Math.max(maxLogit, Math.abs(f.logits()[i] - out.data()[i]));
            }
            assertTrue(max <= PROBABILITY_TOLERANCE, caseName + ": max probability difference " + max + " (logits " + maxLogit + ")");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"farseg-demo", "farseg-demo-ce", "farseg-aerial", "farseg-aerial-fa"})
    void segmenterOnRawPixelsMatchesPyTorch(String modelName) {
        FarSegFixtures.Case f = FarSegFixtures.read(modelName, "odd_75x130");
        assertNotNull(f.raw());
        var image = ArrayImgs.unsignedBytes(f.raw(), f.w(), f.h(), 3); // NCHW planes = ImgLib2 [x, y, c]
        SegmentationOptions options = SegmentationOptions.builder().model(FarSegFixtures.model(modelName).toString())
                .device(DeviceRequest.CPU).threads(2).temperature(Temperature.of(1)).blend(Blender.CENTER)
                .tile(160).overlap(0).build();
        try (Segmenter s = Segmenter.open(options, ModelRegistry.empty())) {
            var probs = new ImgRasterSink<>(f.w(), f.h(), f.classes(), new FloatType());
            SegmentationSinks sinks = SegmentationSinks.builder().raster(SegmentationOutput.PROBABILITIES, probs).build();
            SegmentationResult r = s.run(ImgRasterSource.of(image), sinks, PixelAreaModel.of(org.aerolux.core.raster.Georeference.NONE),
                    ProgressListener.NONE, new Cancellation(), List.of());
            assertEquals(1, r.pipeline().tilesRun(), "one padded tile");
            Img<FloatType> got = probs.result().orElseThrow();
            double[] want = FarSegFixtures.softmax(f.logits(), 1, f.classes(), f.h(), f.w());
            var c = got.cursor();
            double max = 0;
            int k = 0;
            while (c.hasNext()) max = Math.max(max, Math.abs(c.next().get() - want[k++]));
            assertTrue(max <= PROBABILITY_TOLERANCE, modelName + ": max probability difference " + max);
        }
    }
}
