package org.aerolux.plugins;

import static org.aerolux.plugins.HeadlessFiji.q;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.model.ModelRegistry;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.pipeline.ProgressListener;
import org.aerolux.core.testing.Gdal;
import org.aerolux.core.testing.GdalInfo;
import org.aerolux.core.testing.SharedData;
import org.aerolux.core.tile.Blender;
import org.aerolux.segmentation.FileSegmentation;
import org.aerolux.segmentation.SegmentationOptions;
import org.aerolux.segmentation.SegmentationOutput;
import org.aerolux.segmentation.Segmenter;
import org.aerolux.segmentation.VectorOutputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AeroLux Segment (FarSeg) in headless ImageJ on the Landsat scene, with explicit keys: result images with the
 * input's georeferencing, and saved files identical in pixels and georeferencing to what the command line's code
 * path (FileSegmentation on the file) writes for the same options.
 */
class SegmentHeadlessIT {
    @TempDir
    Path dir;

    @Test
    void segmentsTheImportedSceneLikeTheCommandLine() throws Exception {
        Path model = TestSegModel.in(dir.resolve("model"));
        Path fiji = dir.resolve("fiji"), cli = dir.resolve("cli"), facts = dir.resolve("facts.txt");
        String keys = "model=[" + model + "] bands=3,2,1 tile=64 overlap=16 blend=cosine device=cpu batch=2 temperature=auto"
                + " labels probabilities confidence entropy vectors save=[" + fiji + "]";
        String log = HeadlessFiji.run(String.join("\n",
                "run(\"AeroLux Import GeoTIFF\", \"path=[" + SharedData.landsat() + "]\");",
                "run(\"AeroLux Segment (FarSeg)\", \"" + keys + "\");",
                "titles = getList(\"image.titles\");",
                "File.append(\"\" + nImages + \" \" + String.join(titles, \",\"), " + q(facts) + ");",
                "selectImage(\"L7_ETMs_labels\");",
                "classes = replace(Property.get(\"AeroLux.Classes\"), \"\\n\", \";\");",
                "File.append(\"\" + bitDepth() + \" \" + Property.get(\"AeroLux.EPSG\") + \" \" + getPixel(10, 10) + \" \" + classes, " + q(facts) + ");",
                "run(\"AeroLux Export GeoTIFF\", \"path=[" + dir.resolve("fiji-labels-export.tif") + "]\");",
                "selectImage(\"L7_ETMs_probabilities\");",
                "File.append(\"\" + nSlices + \" \" + getInfo(\"slice.label\"), " + q(facts) + ");"));
        List<String> lines = Files.readAllLines(facts);
        assertEquals("5 L7_ETMs.tif,L7_ETMs_labels,L7_ETMs_probabilities,L7_ETMs_confidence,L7_ETMs_entropy", lines.get(0), log);
        assertTrue(lines.get(1).startsWith("8 31985 ") && lines.get(1).endsWith("0=red;1=green;2=blue"), lines.get(1));
        assertEquals("3 red", lines.get(2));
        assertTrue(log.contains("AeroLux Segment (FarSeg): dominant-test on cpu"), log);

        // the command line's code path on the file, same options
        ReferenceRuns.run("segment", model.toString(), SharedData.landsat().toString(), cli.toString());
        GdalInfo source = GdalInfo.of(SharedData.landsat());
        for (SegmentationOutput o : List.of(SegmentationOutput.LABELS, SegmentationOutput.PROBABILITIES, SegmentationOutput.CONFIDENCE,
                SegmentationOutput.ENTROPY)) {
            Path a = fiji.resolve(o.fileName("L7_ETMs")), b = cli.resolve(o.fileName("L7_ETMs"));
            GdalInfo ga = GdalInfo.of(a), gb = GdalInfo.of(b);
            assertEquals(gb.bandCount(), ga.bandCount(), o.name());
            assertEquals(31985, ga.epsg(), o.name());
            assertArrayEquals(source.geoTransform(), ga.geoTransform(), 1e-9, o.name());
            assertArrayEquals(gb.geoTransform(), ga.geoTransform(), 0, o.name());
            assertEquals(gb.bandType(1), ga.bandType(1), o.name());
            assertEquals(gb.description(1), ga.description(1), o.name());
            double[][] pa = Gdal.pixels(a), pb = Gdal.pixels(b);
            for (int band = 0; band < pa.length; band++) assertArrayEquals(pb[band], pa[band], 0, o + " band " + (band + 1));
        }
        assertEquals(Files.readString(cli.resolve("L7_ETMs_objects.geojson")), Files.readString(fiji.resolve("L7_ETMs_objects.geojson")));
        assertTrue(Files.isRegularFile(fiji.resolve("L7_ETMs_aerolux.json")));
        assertTrue(Files.isRegularFile(fiji.resolve("L7_ETMs_labels.tif.aux.xml")));
        // the labels image itself, exported from ImageJ: same pixels, same grid, its LUT as the palette
        Path exported = dir.resolve("fiji-labels-export.tif");
        assertArrayEquals(Gdal.pixels(cli.resolve("L7_ETMs_labels.tif"))[0], Gdal.pixels(exported)[0], 0);
        assertArrayEquals(source.geoTransform(), GdalInfo.of(exported).geoTransform(), 1e-9);
        assertArrayEquals(new int[] {255, 0, 0, 255}, GdalInfo.of(exported).colorTableEntry(1, 0));
    }

    @Test
    void segmentsASceneCropWithTheRegistryModelLikeTheCommandLine() throws Exception {
        // farseg-demo (the bundle's registry model) on a 200x160 crop of the sample scene (3-band uint8 RGB, 0.3 m)
        // holding buildings, trees and a pool; tile 128, overlap 32: six tiles
        Path crop = dir.resolve("crop.tif"), facts = dir.resolve("facts.txt"), cli = dir.resolve("cli");
        Gdal.translate(SharedData.repo().resolve("samples/scene.tif"), crop, "-srcwin", "0", "576", "200", "160");
        String keys = "model=farseg-demo bands=1,2,3 tile=128 overlap=32 blend=cosine device=cpu batch=2 temperature=auto"
                + " labels probabilities overlay";
        String log = HeadlessFiji.run(String.join("\n",
                "run(\"AeroLux Import GeoTIFF\", \"path=[" + crop + "]\");",
                "run(\"AeroLux Segment (FarSeg)\", \"" + keys + "\");",
                "File.append(String.join(getList(\"image.titles\"), \",\"), " + q(facts) + ");",
                "selectImage(\"crop.tif\");",
                "Overlay.activateSelection(0);",
                "Roi.getBounds(x, y, width, height);",
                "File.append(\"\" + Overlay.size + \" \" + Roi.getName + \" \" + x + \",\" + y + \",\" + width + \",\" + height, " + q(facts) + ");",
                "selectImage(\"crop_labels\");",
                "getLut(r, g, b);",
                "lut = \"\";",
                "for (i = 0; i < 5; i++) lut = lut + r[i] + \",\" + g[i] + \",\" + b[i] + \";\";",
                "File.append(bitDepth() + \" \" + replace(Property.get(\"AeroLux.Classes\"), \"\\n\", \";\") + \" \" + lut, " + q(facts) + ");",
                "run(\"AeroLux Export GeoTIFF\", \"path=[" + dir.resolve("labels.tif") + "]\");",
                "selectImage(\"crop_probabilities\");",
                "names = \"\" + nSlices;",
                "for (i = 1; i <= nSlices; i++) { setSlice(i); names = names + \" \" + getInfo(\"slice.label\"); }",
                "File.append(names, " + q(facts) + ");",
                "run(\"AeroLux Export GeoTIFF\", \"path=[" + dir.resolve("probabilities.tif") + "]\");"));
        List<String> lines = Files.readAllLines(facts);
        assertEquals("crop.tif,crop_labels,crop_probabilities", lines.get(0), log);
        assertEquals("1 AeroLux labels 0,0,200,160", lines.get(1), log); // one overlay element, the labels over the whole image
        assertTrue(lines.get(2).startsWith("8 0=background;1=building;2=vehicle;3=tree;4=pool "), lines.get(2));
        assertEquals("5 background building vehicle tree pool", lines.get(3));
        assertTrue(log.contains("AeroLux Segment (FarSeg): farseg-demo on cpu, 6 tiles"), log);

        ReferenceRuns.run("segment-registered", HeadlessFiji.bundle().resolve("models/aerolux/registry.json").toString(), "farseg-demo",
                crop.toString(), cli.toString());
        double[] labels = Gdal.pixels(cli.resolve("crop_labels.tif"))[0];
        assertArrayEquals(labels, Gdal.pixels(dir.resolve("labels.tif"))[0], 0);
        assertTrue(java.util.Arrays.stream(labels).distinct().count() >= 3, "the crop holds several classes");
        double[][] pa = Gdal.pixels(dir.resolve("probabilities.tif")), pb = Gdal.pixels(cli.resolve("crop_probabilities.tif"));
        assertEquals(5, pa.length);
        for (int band = 0; band < 5; band++) assertArrayEquals(pb[band], pa[band], 0, "probabilities band " + (band + 1));
        // the LUT holds the model card's class colours, as the command line's colour table does
        StringBuilder lut = new StringBuilder();
        GdalInfo cliLabels = GdalInfo.of(cli.resolve("crop_labels.tif"));
        for (int i = 0; i < 5; i++) {
            int[] c = cliLabels.colorTableEntry(1, i);
            lut.append(c[0]).append(',').append(c[1]).append(',').append(c[2]).append(';');
        }
        assertEquals(lut.toString(), lines.get(2).substring(lines.get(2).lastIndexOf(' ') + 1));
        assertArrayEquals(GdalInfo.of(crop).geoTransform(), GdalInfo.of(dir.resolve("labels.tif")).geoTransform(), 1e-9);
    }

    @Test
    void aBadOptionIsOneLineAndStopsTheMacro() throws Exception {
        Path model = TestSegModel.in(dir.resolve("model"));
        Path facts = dir.resolve("after.txt");
        String log = HeadlessFiji.run(String.join("\n",
                "run(\"AeroLux Import GeoTIFF\", \"path=[" + SharedData.landsat() + "]\");",
                "run(\"AeroLux Segment (FarSeg)\", \"model=[" + model + "] bands=3,2,9 labels\");",
                "File.append(\"after\", " + q(facts) + ");"));
        assertFalse(Files.exists(facts), log);
        assertTrue(log.contains("AeroLux Segment (FarSeg): ") && log.contains("band 9 does not exist"), log);
        assertFalse(log.contains("\tat "), log);
        String noModel = HeadlessFiji.run(String.join("\n",
                "run(\"AeroLux Import GeoTIFF\", \"path=[" + SharedData.landsat() + "]\");",
                "run(\"AeroLux Segment (FarSeg)\", \"model=[" + dir.resolve("absent.onnx") + "] labels\");"));
        assertTrue(noModel.contains("AeroLux Segment (FarSeg): ") && noModel.contains("absent.onnx"), noModel);
    }
}
