package org.aerolux.plugins;

import static org.aerolux.plugins.HeadlessFiji.q;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AeroLux Calibration in headless ImageJ: metrics in its own table "AeroLux Calibration" (the user's Results
 * table keeps what it held), fitted temperature in the Log, the
 * reliability diagram as a Plot image.
 */
class CalibrationHeadlessIT {
    @TempDir
    Path dir;

    @Test
    void measuresTheModelAgainstALabelsImage() throws Exception {
        Path model = TestSegModel.in(dir.resolve("model")), facts = dir.resolve("facts.txt");
        String keys = "model=[" + model + "] bands=3,2,1 tile=64 overlap=16 device=cpu";
        String log = HeadlessFiji.run(String.join("\n",
                "run(\"AeroLux Import GeoTIFF\", \"path=[" + SharedData.landsat() + "]\");",
                "makeRectangle(0, 0, 160, 120);",
                "run(\"Duplicate...\", \"title=scene duplicate\");",
                // ground truth: the model's own labels with a block relabelled, so the model is sometimes wrong
                "run(\"AeroLux Segment (FarSeg)\", \"" + keys + " labels\");",
                "selectImage(\"scene_labels\");",
                "makeRectangle(0, 0, 80, 120);",
                "run(\"Set...\", \"value=0\");",
                "run(\"Select None\");",
                "selectImage(\"scene\");",
                // the user's own Results, which the calibration must leave alone
                "setResult(\"mine\", 0, 42);",
                "updateResults();",
                "run(\"AeroLux Calibration\", \"labels=scene_labels bins=10 fit " + keys + "\");",
                "t = \"AeroLux Calibration\";",
                "File.append(call(\"org.aerolux.plugins.Tables.size\", t) + \" \" + call(\"org.aerolux.plugins.Tables.get\", t, \"Metric\", \"0\")"
                        + " + \" \" + call(\"org.aerolux.plugins.Tables.get\", t, \"Model temperature\", \"0\")"
                        + " + \" \" + call(\"org.aerolux.plugins.Tables.get\", t, \"Fitted temperature\", \"4\"), " + q(facts) + ");",
                "File.append(\"\" + nResults + \" \" + getResult(\"mine\", 0), " + q(facts) + ");",
                // the reliability diagram: an ImageJ Plot, an image of its own when headless
                "File.append(String.join(getList(\"image.titles\"), \",\"), " + q(facts) + ");",
                "selectImage(\"AeroLux reliability diagram\");",
                "Plot.getLimits(xMin, xMax, yMin, yMax);",
                "File.append(\"\" + xMin + \" \" + xMax + \" \" + yMin + \" \" + yMax, " + q(facts) + ");"));
        List<String> lines = Files.readAllLines(facts);
        String[] f = lines.get(0).split(" ");
        assertEquals("6", f[0], log);
        assertEquals("ECE", f[1]);
        double ece = Double.parseDouble(f[2]), fitted = Double.parseDouble(f[3]);
        assertTrue(ece > 0 && ece < 1, lines.get(0));
        assertTrue(fitted > 0 && fitted != 1, lines.get(0));
        assertTrue(log.contains("AeroLux Calibration: dominant-test on scene vs scene_labels: ECE "), log);
        assertTrue(log.contains("AeroLux Calibration: fitted temperature "), log);
        assertEquals("1 42", lines.get(1), "the user's Results table changed: " + log);
        assertEquals("L7_ETMs.tif,scene,scene_labels,AeroLux reliability diagram", lines.get(2), log);
        assertEquals("0 1 0 1", lines.get(3), log);
    }

    @Test
    void anRgbLabelsImageIsRefusedInOneLine() throws Exception {
        Path model = TestSegModel.in(dir.resolve("model")), facts = dir.resolve("after.txt");
        String log = HeadlessFiji.run(String.join("\n",
                "run(\"AeroLux Import GeoTIFF\", \"path=[" + SharedData.landsat() + "]\");",
                "makeRectangle(0, 0, 64, 48);",
                "run(\"Duplicate...\", \"title=scene duplicate\");",
                "newImage(\"colour_labels\", \"RGB black\", 64, 48, 1);",
                "selectImage(\"scene\");",
                "run(\"AeroLux Calibration\", \"labels=colour_labels bins=10 model=[" + model + "] bands=3,2,1 tile=64 overlap=16 device=cpu\");",
                "File.append(\"after\", " + q(facts) + ");"));
        assertFalse(Files.exists(facts), "the macro must stop: " + log);
        assertTrue(log.contains("must be one band of class indices (it is an RGB colour image)"), log);
        assertFalse(log.contains("\tat "), log);
    }
}
