package org.aerolux.core.testing;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test-data lookup: ../shared/data first, else the Debian packages, so a clone with nothing beside it has its data. */
class SharedDataTest {
    static final List<String> NATURAL =
            List.of("astronaut.png", "motorcycle_left.png", "rocket.jpg", "grass.png", "gravel.png", "brick.png", "color.png");

    @TempDir
    Path tmp;

    @Test
    void withoutSharedDataLandsatComesFromRCranStars() {
        Path found = SharedData.find(tmp.resolve("absent"), "geotiff/L7_ETMs.tif", SharedData.DEBIAN_LANDSAT, "r-cran-stars");
        assertEquals(SharedData.DEBIAN_LANDSAT, found);
        // the facts that ../shared/data/README.md states for its copy (gdalinfo)
        GdalInfo info = GdalInfo.of(found);
        assertEquals(349, info.width());
        assertEquals(352, info.height());
        assertEquals(6, info.bandCount());
        assertEquals(31985, info.epsg());
        assertArrayEquals(new double[] {288776.25, 28.5, 0, 9120760.75, 0, -28.5}, info.geoTransform(), 1e-4);
    }

    @Test
    void withoutSharedDataEveryNaturalPhotographComesFromSkimage() {
        for (String name : NATURAL) {
            Path found = SharedData.find(tmp, "natural/" + name, SharedData.DEBIAN_NATURAL.resolve(name), "python3-skimage");
            assertEquals(SharedData.DEBIAN_NATURAL.resolve(name), found, name);
        }
        assertEquals(512, GdalInfo.of(SharedData.DEBIAN_NATURAL.resolve("astronaut.png")).width());
    }

    @Test
    void sharedDataWinsWhenItHasTheFile() throws Exception {
        Path mine = Files.createDirectories(tmp.resolve("natural")).resolve("color.png");
        Files.writeString(mine, "stand-in");
        assertEquals(mine, SharedData.find(tmp, "natural/color.png", SharedData.DEBIAN_NATURAL.resolve("color.png"), "python3-skimage"));
    }

    @Test
    void neitherGivesOneMessageNamingThePackage() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SharedData.find(tmp, "natural/none.png", tmp.resolve("none.png"), "python3-skimage"));
        assertTrue(e.getMessage().contains("python3-skimage") && e.getMessage().contains("bin/aerolux-setup"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SharedData.natural("../geotiff/L7_ETMs.tif"));
    }

    @Test
    void realDataLivesOnlyBesideTheCheckout() {
        assertEquals(SharedData.repo().resolveSibling("shared").resolve("data"), SharedData.location());
        if (SharedData.present()) {
            assertEquals(SharedData.location(), SharedData.dir());
        } else {
            IllegalStateException e = assertThrows(IllegalStateException.class, SharedData::dir);
            assertTrue(e.getMessage().startsWith("the real-data suite needs ../shared/data"), e.getMessage());
        }
    }
}
