package org.aerolux.plugins;

import static org.aerolux.plugins.HeadlessFiji.q;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aerolux.core.testing.GdalInfo;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import/Export GeoTIFF in headless ImageJ: georeferencing kept through Duplicate, Crop and Scale, checked by gdalinfo. */
class GeoTiffHeadlessIT {
    @TempDir
    Path dir;

    @Test
    void importKeepsTheGeoreferencingThroughDuplicateCropAndScale() throws Exception {
        Path src = SharedData.landsat();
        Path facts = dir.resolve("facts.txt");
        String macro = String.join("\n",
                "run(\"AeroLux Import GeoTIFF\", \"path=[" + src + "]\");",
                "File.append(getTitle() + \" \" + getWidth() + \"x\" + getHeight() + \"x\" + nSlices + \" \" + bitDepth()"
                        + " + \" \" + Property.get(\"AeroLux.EPSG\") + \" \" + getInfo(\"slice.label\"), " + q(facts) + ");",
                "id = getImageID();",
                "run(\"AeroLux Export GeoTIFF\", \"path=[" + dir.resolve("full.tif") + "]\");",
                // a duplicate of a selection: ImageJ shifts the calibration origin, the export shifts the transform
                "makeRectangle(100, 50, 120, 80);",
                "run(\"Duplicate...\", \"title=dup duplicate\");",
                "run(\"AeroLux Export GeoTIFF\", \"path=[" + dir.resolve("dup.tif") + "]\");",
                // Image > Crop in place, twice: the shifts add up
                "selectImage(id);",
                "run(\"Select None\");",
                "run(\"Duplicate...\", \"title=twice duplicate\");",
                "makeRectangle(10, 20, 200, 150);",
                "run(\"Crop\");",
                "makeRectangle(5, 7, 60, 40);",
                "run(\"Crop\");",
                "run(\"AeroLux Export GeoTIFF\", \"path=[" + dir.resolve("twice.tif") + "]\");",
                // Image > Scale to half size: same corner, twice the pixel size
                "selectImage(id);",
                "run(\"Select None\");",
                "run(\"Scale...\", \"x=0.5 y=0.5 interpolation=None process create title=half\");",
                "run(\"AeroLux Export GeoTIFF\", \"path=[" + dir.resolve("half.tif") + "]\");",
                "File.append(\"done \" + nImages, " + q(facts) + ");");
        String log = HeadlessFiji.run(macro);
        List<String> lines = Files.readAllLines(facts);
        assertEquals("L7_ETMs.tif 349x352x6 8 31985 band 1", lines.get(0), log);
        assertEquals("done 4", lines.get(1));

        GdalInfo source = GdalInfo.of(src);
        double[] gt = source.geoTransform();
        GdalInfo full = GdalInfo.of(dir.resolve("full.tif"));
        assertEquals(349, full.width());
        assertEquals(352, full.height());
        assertEquals(6, full.bandCount());
        assertEquals("Byte", full.bandType(1));
        assertEquals(31985, full.epsg());
        assertArrayEquals(gt, full.geoTransform(), 1e-9);

        GdalInfo dup = GdalInfo.of(dir.resolve("dup.tif"));
        assertEquals(120, dup.width());
        assertEquals(80, dup.height());
        assertEquals(31985, dup.epsg());
        assertArrayEquals(shifted(gt, 100, 50), dup.geoTransform(), 1e-9);

        GdalInfo twice = GdalInfo.of(dir.resolve("twice.tif"));
        assertEquals(60, twice.width());
        assertEquals(40, twice.height());
        assertArrayEquals(shifted(gt, 15, 27), twice.geoTransform(), 1e-9);

        GdalInfo half = GdalInfo.of(dir.resolve("half.tif"));
        assertEquals(175, half.width());
        assertEquals(176, half.height());
        double[] h = half.geoTransform();
        assertEquals(gt[0], h[0], 1e-6);
        assertEquals(gt[3], h[3], 1e-6);
        assertEquals(349.0 / 175 * gt[1], h[1], 0.2);
        assertEquals(-h[1], h[5], 1e-9);
    }

    @Test
    void exportErrorsAreOneLogLineAndStopTheMacro() throws Exception {
        Path facts = dir.resolve("after.txt");
        String log = HeadlessFiji.run(String.join("\n",
                "run(\"AeroLux Import GeoTIFF\", \"path=[" + SharedData.landsat() + "]\");",
                "run(\"AeroLux Export GeoTIFF\", \"path=[" + dir.resolve("missing-folder").resolve("x.tif") + "]\");",
                "File.append(\"after\", " + q(facts) + ");"));
        assertFalse(Files.exists(facts), "the macro went on after the error:\n" + log);
        assertTrue(log.contains("AeroLux Export GeoTIFF: ") && log.contains("output folder does not exist"), log);
        assertFalse(log.contains("\tat org.aerolux"), "no stack trace for a user error:\n" + log);

        String missing = HeadlessFiji.run("run(\"AeroLux Import GeoTIFF\", \"path=[" + dir.resolve("nope.tif") + "]\");\n"
                + "File.append(\"after\", " + q(facts) + ");");
        assertFalse(Files.exists(facts));
        assertTrue(missing.contains("AeroLux Import GeoTIFF: ") && missing.contains("nope.tif"), missing);

        String source = HeadlessFiji.run(String.join("\n",
                "run(\"AeroLux Import GeoTIFF\", \"path=[" + SharedData.landsat() + "]\");",
                "run(\"AeroLux Export GeoTIFF\", \"path=[" + SharedData.landsat() + "]\");"));
        assertTrue(source.contains("refusing to overwrite the file"), source);
    }

    static double[] shifted(double[] gt, int col, int row) {
        return new double[] {gt[0] + col * gt[1] + row * gt[2], gt[1], gt[2], gt[3] + col * gt[4] + row * gt[5], gt[4], gt[5]};
    }
}
