package org.aerolux.plugins;

import static org.aerolux.plugins.HeadlessFiji.q;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aerolux.core.testing.Gdal;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * AeroLux Import GeoTIFF opens RGB and RGB + NIR GeoTIFFs (written by GDAL) as colour composites: a CompositeImage
 * in composite mode, red, green and blue LUTs on the bands so named, grey on the near infrared, band names as
 * slice labels; a multispectral scene without colour bands stays a plain stack. Export writes the same pixels back.
 */
class CompositeImportHeadlessIT {
    @TempDir
    Path dir;

    private static final String DESCRIBE = String.join("\n",
            "s = \"\" + is(\"composite\") + \" \" + nSlices;",
            "if (is(\"composite\")) { Stack.getDisplayMode(mode); s = s + \" \" + mode; }",
            "for (c = 1; c <= nSlices; c++) {",
            "  if (is(\"composite\")) Stack.setChannel(c); else setSlice(c);",
            "  getLut(r, g, b);",
            "  s = s + \" \" + getInfo(\"slice.label\") + \":\" + r[255] + \",\" + g[255] + \",\" + b[255];",
            "}");

    @Test
    @Timeout(300)
    void rgbAndRgbNirOpenAsColourCompositesAndOtherScenesAsStacks() throws Exception {
        Path rgb = dir.resolve("rgb.tif"), rgbn = dir.resolve("rgbn.tif"), facts = dir.resolve("facts.txt");
        Gdal.translate(SharedData.repo().resolve("samples/scene.tif"), rgb, "-srcwin", "0", "576", "200", "160");
        // four bands: red, green, blue and a near infrared band (here the red band again), named as GDAL names them
        Gdal.python(String.join("\n",
                "import sys",
                "from osgeo import gdal",
                "src = gdal.Open(sys.argv[1])",
                "dst = gdal.GetDriverByName('GTiff').Create(sys.argv[2], src.RasterXSize, src.RasterYSize, 4, gdal.GDT_Byte)",
                "dst.SetGeoTransform(src.GetGeoTransform()); dst.SetProjection(src.GetProjection())",
                "for i, name in enumerate(['red', 'green', 'blue', 'nir']):",
                "    b = dst.GetRasterBand(i + 1); b.WriteArray(src.GetRasterBand(min(i, 2) + 1 if i < 3 else 1).ReadAsArray()); b.SetDescription(name)",
                "dst = None"), rgb.toString(), rgbn.toString());
        String log = HeadlessFiji.run(String.join("\n",
                "run(\"AeroLux Import GeoTIFF\", \"path=[" + rgb + "]\");",
                DESCRIBE,
                "File.append(s, " + q(facts) + ");",
                "run(\"AeroLux Export GeoTIFF\", \"path=[" + dir.resolve("rgb-export.tif") + "]\");",
                "run(\"AeroLux Import GeoTIFF\", \"path=[" + rgbn + "]\");",
                DESCRIBE,
                "File.append(s, " + q(facts) + ");",
                "run(\"AeroLux Import GeoTIFF\", \"path=[" + SharedData.landsat() + "]\");",
                DESCRIBE,
                "File.append(s, " + q(facts) + ");"));
        List<String> lines = Files.readAllLines(facts);
        assertEquals("1 3 composite red:255,0,0 green:0,255,0 blue:0,0,255", lines.get(0), log);
        assertEquals("1 4 composite red:255,0,0 green:0,255,0 blue:0,0,255 nir:255,255,255", lines.get(1), log);
        assertTrue(lines.get(2).startsWith("0 6 "), lines.get(2));
        double[][] a = Gdal.pixels(rgb), b = Gdal.pixels(dir.resolve("rgb-export.tif"));
        for (int band = 0; band < 3; band++) assertArrayEquals(a[band], b[band], 0, "band " + (band + 1));
    }
}
