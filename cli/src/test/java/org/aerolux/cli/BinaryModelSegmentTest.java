package org.aerolux.cli;

import static org.aerolux.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.aerolux.core.testing.DeepnessSigmoid;
import org.aerolux.core.testing.Gdal;
import org.aerolux.core.testing.GdalInfo;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aerolux segment} with a binary model in Deepness' single-channel sigmoid form (class_names {0: "field"},
 * seg_thresh 0.7): background/foreground labels at the card's threshold, checked with GDAL against the model's
 * definition on a GDAL-written crop of the sample scene (at the model's 0.5 m).
 */
class BinaryModelSegmentTest {
    @TempDir
    Path tmp;

    /** 200 x 160 pixels of samples/scene.tif, written by gdal_translate with a 0.5 m UTM 33N grid. */
    static Path crop(Path dir) {
        Path crop = dir.resolve("fields.tif");
        Gdal.translate(SharedData.repo().resolve("samples/scene.tif"), crop, "-srcwin", "0", "576", "200", "160",
                "-a_srs", "EPSG:32633", "-a_ullr", "500000", "4000000", "500100", "3999920");
        return crop;
    }

    @Test
    void labelsAreTheModelsProbabilityAtTheCardsThreshold() {
        Path in = crop(tmp), out = tmp.resolve("out");
        CliRun.Result r = run("segment", "--model", DeepnessSigmoid.model().toString(), "--input", in.toString(),
                "--output", out.toString(), "--outputs", "labels,probabilities", "--device", "cpu", "--threads", "1");
        assertEquals(0, r.code(), r.all());
        GdalInfo labels = GdalInfo.of(out.resolve("fields_labels.tif"));
        assertEquals("classes: 0 background, 1 " + DeepnessSigmoid.FOREGROUND + "; 255 nodata", labels.description(1));
        assertEquals(List.of("background", DeepnessSigmoid.FOREGROUND), labels.categories(1));
        assertArrayEquals(GdalInfo.of(in).geoTransform(), labels.geoTransform(), 0.0);
        assertEquals(2, GdalInfo.of(out.resolve("fields_probabilities.tif")).bandCount());

        double[][] rgb = Gdal.pixels(in);
        double[] lab = Gdal.pixels(out.resolve("fields_labels.tif"))[0];
        double[][] prob = Gdal.pixels(out.resolve("fields_probabilities.tif"));
        long foreground = 0, betweenHalfAndThreshold = 0;
        for (int i = 0; i < lab.length; i++) {
            double p = DeepnessSigmoid.probability(rgb[0][i], rgb[1][i], rgb[2][i]);
            assertEquals(p, prob[1][i], 2e-6, "foreground probability at " + i);
            assertEquals(1 - p, prob[0][i], 2e-6, "background probability at " + i);
            if (Math.abs(p - DeepnessSigmoid.THRESHOLD) > 1e-5)
                assertEquals(DeepnessSigmoid.label(rgb[0][i], rgb[1][i], rgb[2][i]), lab[i], 0.0, "label at " + i + " (p " + p + ")");
            foreground += (long) lab[i];
            if (p >= 0.5 && p < DeepnessSigmoid.THRESHOLD) betweenHalfAndThreshold++;
        }
        assertTrue(foreground > 0 && foreground < lab.length, "both classes occur: " + foreground);
        assertTrue(betweenHalfAndThreshold > 0, "pixels an argmax would call foreground stay background");
    }
}
