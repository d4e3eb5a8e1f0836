package org.aerolux.core.image;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real-data suite: the Dubai aerial masks of ../shared/data (RGB PNGs, palette PNGs in tiles 2 and 4) decode, through
 * the reader every front end uses, to the colours that ../shared/data/README.md lists, at the size of their images.
 * Read in place; one image of each of the seven tiles.
 */
@Tag("real-data")
class AerialMasksTest {
    /** RGB of the classes as stored in the masks (README), not the UI colours of classes.json. */
    static final Map<Integer, String> COLOURS = Map.of(0x3C1098, "building", 0x8429F6, "land", 0x6EC1E4, "road",
            0xFEDD3A, "vegetation", 0xE2A929, "water", 0x9B9B9B, "unlabeled");

    @Test
    void everyTilesMasksDecodeToTheDatasetColoursAtTheImageSize() {
        Path dubai = SharedData.dir().resolve("aerial/dubai");
        Map<String, Long> total = new HashMap<>();
        for (int tile = 1; tile <= 7; tile++) {
            Path mask = dubai.resolve("tile" + tile + "/masks/image_part_001.png");
            Path image = dubai.resolve("tile" + tile + "/images/image_part_001.jpg");
            long pixels, unmatched = 0;
            try (PlainImageSource m = PlainImageSource.open(mask); PlainImageSource i = PlainImageSource.open(image)) {
                assertEquals(PlainImageSource.Format.JPEG, i.format());
                assertEquals(i.info().width(), m.info().width(), mask + " width");
                assertEquals(i.info().height(), m.info().height(), mask + " height");
                assertEquals(3, m.info().bandCount(), mask + ": RGB (palette masks expanded)");
                int w = m.info().width(), h = m.info().height();
                pixels = (long) w * h;
                RandomAccessibleInterval<FloatType> rgb = m.read(new FinalInterval(new long[] {0, 0}, new long[] {w - 1, h - 1}), 0, 1, 2);
                var r = Views.hyperSlice(rgb, 2, 0).cursor();
                var g = Views.hyperSlice(rgb, 2, 1).cursor();
                var b = Views.hyperSlice(rgb, 2, 2).cursor();
                while (r.hasNext()) {
                    int c = ((int) r.next().get() << 16) | ((int) g.next().get() << 8) | (int) b.next().get();
                    String name = COLOURS.get(c);
                    if (name == null) unmatched++;
                    else total.merge(name, 1L, Long::sum);
                }
            }
            // the README allows "a few pixels" of JPEG-era noise; a wrong palette or channel order would miss them all
            assertTrue(unmatched <= pixels / 1000, mask + ": " + unmatched + " of " + pixels + " pixels match no class colour");
        }
        for (String name : new String[] {"building", "land", "road", "vegetation", "water"})
            assertTrue(total.getOrDefault(name, 0L) > 10_000, name + " appears in the masks: " + total);
    }
}
