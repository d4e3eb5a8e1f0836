package org.aerolux.segmentation;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import org.aerolux.core.image.ImgRasterSource;
import org.aerolux.core.model.ModelCardParser;
import org.aerolux.core.model.NchwTensor;
import org.aerolux.core.testing.DeepnessSigmoid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A binary model (Deepness' single-channel sigmoid form) through the whole segmentation pipeline: labels are
 * foreground exactly where the model's probability reaches the card's seg_thresh (0.7, not the 0.5 an argmax would
 * use), probabilities are background 1 - p and foreground p; checked against the model's definition.
 */
class BinarySegmentationTest {
    static final int W = 150, H = 97;

    @TempDir
    Path tmp;

    @Test
    void labelsAreTheThresholdOfTheModelsProbabilityWhateverTheTiling() {
        ArrayImg<UnsignedByteType, ByteArray> img = SegmenterTest.image(11);
        double[] p = modelProbabilities(img);
        for (int[] grid : new int[][] {{64, 16}, {40, 8}, {256, 0}}) {
            try (Segmenter s = SegmenterTest.open(DeepnessSigmoid.model(), SegmentationOptions.builder().tile(grid[0]).overlap(grid[1]))) {
                assertArrayEquals(new String[] {"background", DeepnessSigmoid.FOREGROUND}, s.model().card().classNames());
                check(SegmenterTest.run(s, ImgRasterSource.of(img), List.of()), p, 2e-6, true, "tile " + grid[0] + " overlap " + grid[1]);
            }
        }
    }

    @Test
    void aTemperatureTempersTheSigmoidAndALogitOutputGoesThroughTheSigmoid() throws Exception {
        ArrayImg<UnsignedByteType, ByteArray> img = SegmenterTest.image(12);
        // the model's own float32 output at T = 1 (checked against its definition above), then tempered
        double[] p1;
        try (Segmenter s = SegmenterTest.open(DeepnessSigmoid.model(), SegmentationOptions.builder())) {
            SegmenterTest.Outputs o = SegmenterTest.run(s, ImgRasterSource.of(img), List.of());
            check(o, modelProbabilities(img), 2e-6, true, "T 1");
            p1 = foreground(o);
        }
        double[] tempered = new double[p1.length], throughSigmoid = new double[p1.length];
        for (int i = 0; i < p1.length; i++) {
            double q = Math.min(1 - 1e-15, Math.max(1e-15, p1[i]));
            tempered[i] = DeepnessSigmoid.sigmoid(Math.log(q / (1 - q)) / 2.0);
            throughSigmoid[i] = DeepnessSigmoid.sigmoid(p1[i]);
        }
        try (Segmenter s = SegmenterTest.open(DeepnessSigmoid.model(), SegmentationOptions.builder().temperature(Temperature.of(2.0)))) {
            check(SegmenterTest.run(s, ImgRasterSource.of(img), List.of()), tempered, 1e-6, true, "T 2");
        }
        // the same file read as a logit model (sidecar): its output z then gives sigmoid(z), always above 0.5
        Path model = Files.copy(DeepnessSigmoid.model(), tmp.resolve("logit.onnx"));
        Files.writeString(ModelCardParser.sidecarOf(model), "{\"aerolux.output\": \"logits\"}");
        try (Segmenter s = SegmenterTest.open(model, SegmentationOptions.builder())) {
            check(SegmenterTest.run(s, ImgRasterSource.of(img), List.of()), throughSigmoid, 1e-6, false, "logits");
        }
    }

    /** The model's probability of every pixel (y * W + x), from its definition. */
    static double[] modelProbabilities(ArrayImg<UnsignedByteType, ByteArray> img) {
        double[] p = new double[W * H];
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
                p[y * W + x] = DeepnessSigmoid.probability(SegmenterTest.v(img, x, y, 0), SegmenterTest.v(img, x, y, 1),
                        SegmenterTest.v(img, x, y, 2));
        return p;
    }

    static double[] foreground(SegmenterTest.Outputs o) {
        double[] p = new double[W * H];
        var prob = o.probabilities().randomAccess();
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                prob.setPosition(new long[] {x, y, 1});
                p[y * W + x] = prob.get().getRealDouble();
            }
        }
        return p;
    }

    /** Every output against the expected foreground probabilities and the card's threshold. */
    static void check(SegmenterTest.Outputs o, double[] expectedForeground, double tolerance, boolean someBetweenHalfAndThreshold,
                      String what) {
        var lab = o.labels().randomAccess();
        var prob = o.probabilities().randomAccess();
        var conf = o.confidence().randomAccess();
        long foreground = 0, argmaxWouldDiffer = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double p = expectedForeground[y * W + x];
                int expected = p >= DeepnessSigmoid.THRESHOLD ? 1 : 0;
                prob.setPosition(new long[] {x, y, 0});
                double p0 = prob.get().getRealDouble();
                prob.setPosition(new long[] {x, y, 1});
                double p1 = prob.get().getRealDouble();
                assertEquals(p, p1, tolerance, what + ": foreground probability at " + x + "," + y);
                assertEquals(1 - p, p0, tolerance, what + ": background probability at " + x + "," + y);
                lab.setPosition(new long[] {x, y, 0});
                if (Math.abs(p - DeepnessSigmoid.THRESHOLD) > 2 * tolerance)
                    assertEquals(expected, lab.get().get(), what + ": label at " + x + "," + y + " (p " + p + ")");
                conf.setPosition(new long[] {x, y, 0});
                assertEquals(Math.max(p, 1 - p), conf.get().getRealDouble(), tolerance, what + ": confidence");
                foreground += expected;
                if (p >= 0.5 && p < DeepnessSigmoid.THRESHOLD) argmaxWouldDiffer++;
            }
        }
        assertTrue(foreground > 0 && foreground < (long) W * H, what + ": both classes occur (" + foreground + ")");
        if (someBetweenHalfAndThreshold)
            assertTrue(argmaxWouldDiffer > 0, what + ": some pixels lie between 0.5 and the threshold (an argmax would differ)");
    }

    @Test
    void theTwoChannelsOfASingleChannelOutput() {
        NchwTensor one = new NchwTensor(new float[] {0f, 1f, 0.25f, Float.NaN, 1.0000001f, -1e-7f}, 1, 1, 2, 3);
        NchwTensor two = ProbabilityModel.backgroundAndForeground(one, 1.0, false);
        assertEquals(2, two.c());
        assertArrayEquals(new float[] {1f, 0f, 0.75f, Float.NaN, 0f, 1f, 0f, 1f, 0.25f, Float.NaN, 1f, 0f}, two.data(), 0f);
        NchwTensor logits = ProbabilityModel.backgroundAndForeground(new NchwTensor(new float[] {0f, 800f, -800f, 2f}, 2, 1, 1, 2), 2.0, true);
        float[] d = logits.data();
        // image 0: background [0.5, 0], foreground [0.5, 1]; image 1: background [1, 1 - sigmoid(1)], foreground [0, sigmoid(1)]
        assertArrayEquals(new float[] {0.5f, 0f, 0.5f, 1f, 1f, (float) (1 - DeepnessSigmoid.sigmoid(1)), 0f,
                (float) DeepnessSigmoid.sigmoid(1)}, d, 1e-7f);
    }
}
