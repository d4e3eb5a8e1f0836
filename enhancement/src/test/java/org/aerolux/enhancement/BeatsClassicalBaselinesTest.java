package org.aerolux.enhancement;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import org.aerolux.core.image.ImgRasterSink;
import org.aerolux.core.image.ImgRasterSource;
import org.aerolux.core.model.Model;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * On low-light pairs made from the two photographs cue-demo never trained on (rocket.jpg, colour; gravel.png,
 * grey), the enhancer (8-bit in, 8-bit out, through the whole AeroLux path) beats fixed gamma, adaptive gamma and
 * histogram equalisation in mean PSNR. The margins are measured and printed, not hard-coded; the test asserts
 * that each is positive.
 */
class BeatsClassicalBaselinesTest extends WithCueModel {
    @Test
    void enhancementBeatsGammaAndHistogramEqualisationInMeanPsnr() {
        List<LowLightPairs.Pair> pairs = new ArrayList<>();
        int size = 256;
        long seed = 7001;
        for (int[] at : new int[][] {{0, 0}, {384, 0}, {200, 171}, {384, 171}})
            pairs.add(LowLightPairs.make(SharedData.natural("rocket.jpg"), at[0], at[1], size, seed++));
        for (int[] at : new int[][] {{0, 0}, {256, 0}, {0, 256}, {256, 256}})
            pairs.add(LowLightPairs.make(SharedData.natural("gravel.png"), at[0], at[1], size, seed++));
        double[] psnr = new double[5], ssim = new double[5]; // input, gamma, adaptive gamma, HE, enhanced
        try (Enhancer e = Enhancer.builder().model(model).build()) {
            for (LowLightPairs.Pair p : pairs) {
                float[][][] outs = {p.low(), ClassicalBaselines.gamma(p.low()), ClassicalBaselines.adaptiveGamma(p.low()),
                        ClassicalBaselines.equalise(p.low()), enhance(e, p)};
                for (int k = 0; k < outs.length; k++) {
                    ImageQuality.Scores s = ImageQuality.scores(p.normal(), outs[k], size, size, 1.0);
                    psnr[k] += s.psnr() / pairs.size();
                    ssim[k] += s.ssim() / pairs.size();
                }
            }
        }
        String[] names = {"low-light input", "gamma 1/2.2", "adaptive gamma", "histogram equalisation", "cue-demo (AeroLux)"};
        StringBuilder report = new StringBuilder("mean over " + pairs.size() + " pairs (4 rocket.jpg, 4 gravel.png, 256x256):\n");
        for (int k = 0; k < 5; k++)
            report.append(String.format(Locale.ROOT, "  %-24s PSNR %6.2f dB  SSIM %.3f%n", names[k], psnr[k], ssim[k]));
        for (int k = 1; k <= 3; k++)
            report.append(String.format(Locale.ROOT, "  margin over %-22s %+6.2f dB%n", names[k], psnr[4] - psnr[k]));
        System.out.print(report);
        for (int k = 1; k <= 3; k++) assertTrue(psnr[4] - psnr[k] > 0, "enhancement does not beat " + names[k] + ":\n" + report);
    }

    /** The pair's low-light image as 8-bit pixels through Enhancer (whole image), back in [0, 1]. */
    private static float[][] enhance(Enhancer e, LowLightPairs.Pair p) {
        int n = p.size(), channels = p.low().length;
        byte[] px = new byte[n * n * channels];
        for (int c = 0; c < channels; c++)
            for (int i = 0; i < n * n; i++) px[c * n * n + i] = (byte) Math.round(p.low()[c][i] * 255);
        Img<UnsignedByteType> in = ArrayImgs.unsignedBytes(px, n, n, channels);
        ImgRasterSink<UnsignedByteType> sink = new ImgRasterSink<>(n, n, channels, new UnsignedByteType());
        EnhancementResult r = e.enhance(ImgRasterSource.of(in), like -> sink);
        assertEquals(EnhancementMode.WHOLE, r.plan().mode());
        assertEquals(ValueRange.Method.TYPE_FULL_SCALE, r.range().method());
        assertEquals(channels == 1, r.bands().isGrey());
        float[][] out = new float[channels][n * n];
        var c = sink.result().orElseThrow().cursor();
        for (int k = 0; k < channels; k++) for (int i = 0; i < n * n; i++) out[k][i] = c.next().get() / 255f;
        return out;
    }
}
