package org.aerolux.plugins;

import static org.aerolux.plugins.HeadlessFiji.q;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aerolux.core.testing.DeepnessSigmoid;
import org.aerolux.core.testing.Gdal;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * AeroLux Segment (FarSeg) in headless ImageJ with a binary model in Deepness' single-channel sigmoid form
 * (class_names {0: "field"}, seg_thresh 0.7): the labels image and the saved labels are background/field at the
 * card's threshold of the model's probability, checked with GDAL against the model's definition.
 */
class BinaryModelHeadlessIT {
    @TempDir
    Path dir;

    @Test
    @Timeout(600)
    void labelsAreTheModelsProbabilityAtTheCardsThreshold() throws Exception {
        Path crop = dir.resolve("fields.tif"), saved = dir.resolve("saved"), facts = dir.resolve("facts.txt");
        Gdal.translate(SharedData.repo().resolve("samples/scene.tif"), crop, "-srcwin", "0", "576", "200", "160",
                "-a_srs", "EPSG:32633", "-a_ullr", "500000", "4000000", "500100", "3999920");
        String keys = "model=[" + DeepnessSigmoid.model() + "] bands=1,2,3 tile=64 overlap=16 blend=cosine device=cpu batch=2"
                + " temperature=auto labels probabilities save=[" + saved + "]";
        String log = HeadlessFiji.run(String.join("\n",
                "run(\"AeroLux Import GeoTIFF\", \"path=[" + crop + "]\");",
                "run(\"AeroLux Segment (FarSeg)\", \"" + keys + "\");",
                "selectImage(\"fields_labels\");",
                "File.append(replace(Property.get(\"AeroLux.Classes\"), \"\\n\", \";\"), " + q(facts) + ");",
                "run(\"AeroLux Export GeoTIFF\", \"path=[" + dir.resolve("labels-image.tif") + "]\");",
                "selectImage(\"fields_probabilities\");",
                "File.append(\"\" + nSlices, " + q(facts) + ");"));
        List<String> lines = Files.readAllLines(facts);
        assertEquals("0=background;1=" + DeepnessSigmoid.FOREGROUND, lines.get(0), log);
        assertEquals("2", lines.get(1), log);

        double[][] rgb = Gdal.pixels(crop);
        double[] image = Gdal.pixels(dir.resolve("labels-image.tif"))[0];
        double[] file = Gdal.pixels(saved.resolve("fields_labels.tif"))[0];
        double[] foreground = Gdal.pixels(saved.resolve("fields_probabilities.tif"))[1];
        long fg = 0, betweenHalfAndThreshold = 0;
        for (int i = 0; i < image.length; i++) {
            double p = DeepnessSigmoid.probability(rgb[0][i], rgb[1][i], rgb[2][i]);
            assertEquals(p, foreground[i], 2e-6, "foreground probability at " + i);
            assertEquals(file[i], image[i], 0.0, "the labels image is the saved labels at " + i);
            if (Math.abs(p - DeepnessSigmoid.THRESHOLD) > 1e-5)
                assertEquals(DeepnessSigmoid.label(rgb[0][i], rgb[1][i], rgb[2][i]), image[i], 0.0, "label at " + i + " (p " + p + ")");
            fg += (long) image[i];
            if (p >= 0.5 && p < DeepnessSigmoid.THRESHOLD) betweenHalfAndThreshold++;
        }
        assertTrue(fg > 0 && fg < image.length, "both classes occur: " + fg);
        assertTrue(betweenHalfAndThreshold > 0, "pixels an argmax would call field stay background");
    }
}
