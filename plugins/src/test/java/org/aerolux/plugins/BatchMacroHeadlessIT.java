package org.aerolux.plugins;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aerolux.core.testing.Gdal;
import org.aerolux.core.testing.GdalInfo;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed sample macro samples/fiji-batch.ijm, run as it is in headless ImageJ with its argument string
 * (folders with spaces, in square brackets): segmentation and enhancement outputs with the inputs' grids, resume
 * on a second run, and overwrite.
 */
class BatchMacroHeadlessIT {
    @TempDir
    Path dir;

    @Test
    void theSampleMacroSegmentsAndEnhancesAFolderAndResumes() throws Exception {
        Path in = Files.createDirectories(dir.resolve("my scenes")), photos = Files.createDirectories(dir.resolve("photos"));
        Path out = dir.resolve("results");
        Path scene = SharedData.repo().resolve("samples/scene.tif");
        Gdal.translate(scene, in.resolve("a.tif"), "-srcwin", "0", "576", "200", "160");
        Gdal.translate(scene, in.resolve("b.tif"), "-srcwin", "480", "416", "160", "128");
        Gdal.translate(SharedData.natural("astronaut.png"), photos.resolve("c.png"), "-srcwin", "100", "100", "96", "64");
        String macro = Files.readString(SharedData.repo().resolve("samples/fiji-batch.ijm"));
        String argument = "in=[" + in + "] out=[" + out + "] device=cpu";

        String first = HeadlessFiji.run(macro, argument);
        assertTrue(first.contains("AeroLux System Check"), first);
        assertEquals(2, count(first, "2 done, 0 skipped, 0 failed of 2"), first); // the two GeoTIFFs, segmented and enhanced
        assertTrue(first.contains("AeroLux batch done: " + out), first);
        Path seg = out.resolve("segmentation"), enh = out.resolve("enhanced");
        for (String stem : List.of("a", "b")) {
            for (String f : List.of("_labels.tif", "_confidence.tif", "_objects.geojson", "_aerolux.json"))
                assertTrue(Files.isRegularFile(seg.resolve(stem + f)), stem + f);
            assertTrue(Files.isRegularFile(enh.resolve(stem + "_enhanced.tif")), stem + "_enhanced.tif");
            GdalInfo source = GdalInfo.of(in.resolve(stem + ".tif"));
            for (Path p : List.of(seg.resolve(stem + "_labels.tif"), enh.resolve(stem + "_enhanced.tif"))) {
                GdalInfo g = GdalInfo.of(p);
                assertEquals(32633, g.epsg(), p.toString());
                assertArrayEquals(source.geoTransform(), g.geoTransform(), 0, p.toString());
            }
        }
        double[] labels = Gdal.pixels(seg.resolve("a_labels.tif"))[0];
        assertTrue(java.util.Arrays.stream(labels).allMatch(v -> v >= 0 && v <= 4), "farseg-demo's five classes");
        assertFalse(Files.exists(enh.resolve("c_enhanced.png")), "photos= not given: only the input folder is enhanced");

        // a second run resumes: everything done is skipped; photos= enhances that folder
        String second = HeadlessFiji.run(macro, argument + " photos=[" + photos + "]");
        assertTrue(second.contains("0 done, 2 skipped, 0 failed of 2"), second);
        assertTrue(second.contains("1 done, 0 skipped, 0 failed of 1"), second);
        assertEquals(3, Gdal.pixels(enh.resolve("c_enhanced.png")).length);

        // overwrite redoes them
        String third = HeadlessFiji.run(macro, argument + " overwrite");
        assertEquals(2, count(third, "2 done, 0 skipped, 0 failed of 2"), third); // segment and enhance
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }

    @Test
    void withoutFoldersTheMacroStopsWithItsUsage() throws Exception {
        String log = HeadlessFiji.run(Files.readString(SharedData.repo().resolve("samples/fiji-batch.ijm")), "");
        assertTrue(log.contains("usage: -macro fiji-batch.ijm"), log);
        assertFalse(log.contains("AeroLux System Check"), log);
    }
}
