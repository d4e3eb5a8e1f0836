package org.aerolux.plugins;

import static org.aerolux.plugins.HeadlessFiji.q;
import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.aerolux.core.testing.Gdal;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segment's {@code rois} and {@code areas} in headless ImageJ (where the ROIs go to the image overlay, ImageJ having
 * no ROI Manager without a display): one ROI per object of STEM_objects.geojson (same
 * order, same pixels, named by class, outlined in the class colour), the {@code AeroLux Areas} table against the
 * class histogram GDAL reads from the saved labels, and the ROI cap on an image of 20,000 one-pixel objects.
 */
class RoisAreasHeadlessIT {
    @TempDir
    Path dir;

    @Test
    @Timeout(600)
    void roisAreTheGeoJsonObjectsAndAreasTheLabelHistogram() throws Exception {
        Path model = TestSegModel.in(dir.resolve("model"));
        Path save = dir.resolve("out"), facts = dir.resolve("facts.txt"), rois = dir.resolve("rois.txt");
        String keys = "model=[" + model + "] bands=3,2,1 tile=64 overlap=16 device=cpu labels vectors rois areas save=[" + save + "]";
        String log = HeadlessFiji.run(String.join("\n",
                                "run(\"AeroLux Import GeoTIFF\", \"path=[" + SharedData.landsat() + "]\");",
                "run(\"AeroLux Segment (FarSeg)\", \"" + keys + "\");",
                "selectImage(\"L7_ETMs.tif\");",
                "n = Overlay.size;",
                "File.append(\"\" + n, " + q(facts) + ");",
                "t = \"AeroLux Areas\";",
                "rows = call(\"org.aerolux.plugins.Tables.size\", t);",
                "File.append(rows, " + q(facts) + ");",
                "for (r = 0; r < rows; r++) File.append(call(\"org.aerolux.plugins.Tables.get\", t, \"class\", \"\" + r) + \" \""
                        + " + call(\"org.aerolux.plugins.Tables.get\", t, \"pixels\", \"\" + r) + \" \""
                        + " + call(\"org.aerolux.plugins.Tables.get\", t, \"area m²\", \"\" + r) + \" \""
                        + " + call(\"org.aerolux.plugins.Tables.get\", t, \"fraction\", \"\" + r), " + q(facts) + ");",
                "s = \"\";",
                "for (i = 0; i < n; i++) {",
                "  Overlay.activateSelection(i);",
                "  Roi.getContainedPoints(xp, yp);",
                "  s = s + Roi.getName + \"\\t\" + Roi.getStrokeColor + \"\\t\" + xp.length + \"\\n\";",
                "}",
                "File.saveString(s, " + q(rois) + ");"));
        List<String> lines = Files.readAllLines(facts);
        assertTrue(log.contains("AeroLux Segment (FarSeg): dominant-test on cpu"), log);

        // the objects of the GeoJSON, in file order (the order they complete, as the ROIs)
        JsonObject fc = JsonParser.parseString(Files.readString(save.resolve("L7_ETMs_objects.geojson"))).getAsJsonObject();
        List<JsonObject> features = new ArrayList<>();
        for (JsonElement e : fc.getAsJsonArray("features")) features.add(e.getAsJsonObject().getAsJsonObject("properties"));
        int expected = Math.min(features.size(), ObjectRois.MAX_ROIS);
        assertTrue(features.size() > 10, "the scene has objects: " + features.size());
        assertEquals(Integer.toString(expected), lines.get(0), log);
        List<String> roiLines = Files.readAllLines(rois);
        assertEquals(expected, roiLines.size());
        int[] perClass = new int[3];
        String[] colours = {"red", "green", "blue"}; // ImageJ names #ff0000, #00ff00, #0000ff so
        for (int i = 0; i < expected; i++) {
            String[] f = roiLines.get(i).split("\t");
            JsonObject p = features.get(i);
            int c = p.get("class").getAsInt();
            assertEquals(p.get("class_name").getAsString() + " " + (++perClass[c]), f[0], "ROI " + i);
            assertEquals(colours[c], f[1], "ROI " + i);
            assertEquals(p.get("pixels").getAsLong(), Long.parseLong(f[2]), "pixels of ROI " + i + " " + f[0]);
        }

        // the areas table against GDAL's reading of the saved labels: pixels per class, times the pixel area of its grid
        double[] gt = org.aerolux.core.testing.GdalInfo.of(save.resolve("L7_ETMs_labels.tif")).geoTransform();
        double pixelArea = Math.abs(gt[1] * gt[5] - gt[2] * gt[4]);
        double[] labels = Gdal.pixels(save.resolve("L7_ETMs_labels.tif"))[0];
        long[] histogram = new long[3];
        for (double v : labels) histogram[(int) v]++;
        assertEquals("3", lines.get(1), log);
        String[] names = {"red", "green", "blue"};
        for (int c = 0; c < 3; c++) {
            String[] f = lines.get(2 + c).split(" ");
            assertEquals(names[c], f[0]);
            assertEquals(histogram[c], Long.parseLong(f[1]), names[c]);
            assertEquals(histogram[c] * pixelArea, Double.parseDouble(f[2]), 1e-6 * histogram[c] * pixelArea, names[c]);
            assertEquals(histogram[c] / (double) labels.length, Double.parseDouble(f[3]), 1e-6, names[c]);
        }
    }

    @Test
    @Timeout(300)
    void twentyThousandObjectsAreCappedWithAMessageAndAreasSayTheyAreUnknown() throws Exception {
        Path model = TestSegModel.in(dir.resolve("model")), facts = dir.resolve("facts.txt");
        // a 200x200 checkerboard of red and green pixels: every green pixel is an object of its own (4-connectivity)
        String log = HeadlessFiji.run(String.join("\n",
                                "newImage(\"checker\", \"RGB black\", 200, 200, 1);",
                "for (y = 0; y < 200; y++) for (x = 0; x < 200; x++) { if ((x + y) % 2 == 0) setPixel(x, y, 0xff0000); else setPixel(x, y, 0x00ff00); }",
                "t0 = getTime();",
                "run(\"AeroLux Segment (FarSeg)\", \"model=[" + model + "] bands=1,2,3 tile=64 overlap=16 device=cpu rois areas\");",
                "File.append(\"\" + Overlay.size + \" \" + nImages + \" \" + (getTime() - t0), " + q(facts) + ");",
                "File.append(call(\"org.aerolux.plugins.Tables.get\", \"AeroLux Areas\", \"pixels\", \"1\") + \" \""
                        + " + call(\"org.aerolux.plugins.Tables.get\", \"AeroLux Areas\", \"area m²\", \"1\") + \" \""
                        + " + call(\"org.aerolux.plugins.Tables.get\", \"AeroLux Areas\", \"fraction\", \"1\"), " + q(facts) + ");"));
        List<String> lines = Files.readAllLines(facts);
        String[] f = lines.get(0).split(" ");
        assertEquals(Integer.toString(ObjectRois.MAX_ROIS), f[0], log);
        assertEquals("1", f[1], "rois and areas alone open no image: " + log);
        assertTrue(log.contains("20000 objects; only the first 5000 became ROIs"), log);
        String[] g = lines.get(1).split(" ");
        assertEquals("20000", g[0], log);
        assertEquals("NaN", g[1], log);
        assertEquals(0.5, Double.parseDouble(g[2]), 1e-9, log);
        assertTrue(log.contains("AeroLux Areas has pixels only (area m² is NaN): area unknown: the raster has no CRS"), log);
    }
}
