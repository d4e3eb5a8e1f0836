package org.aerolux.core.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.aerolux.core.UsageException;
import org.junit.jupiter.api.Test;

class BlenderTest {
    static final Blender[] ALL = {Blender.CENTER, Blender.COSINE, Blender.GAUSSIAN};

    @Test
    void weightsArePartitionsOfUnityWithUntrustedMarginsAtZero() {
        for (Blender b : ALL) {
            for (TileGrid g : HaloTilerTest.GRIDS) {
                for (long extent : new long[] {1, 2, 7, 31, 64, 97, 200, 257}) {
                    List<AxisTile> tiles = HaloTiler.axis(extent, g);
                    List<AxisWeights> w = b.weigh(tiles, extent);
                    String ctx = b.name() + " " + g + " extent " + extent;
                    for (long p = 0; p < extent; p++) {
                        double sum = 0;
                        int positive = 0;
                        for (AxisWeights aw : w) {
                            double v = aw.at(p);
                            assertTrue(v >= 0 && v <= 1, ctx);
                            sum += v;
                            if (v > 0) positive++;
                        }
                        assertEquals(1.0, sum, 1e-12, ctx + " at " + p);
                        assertTrue(positive >= 1 && positive <= 2, ctx);
                    }
                    for (int i = 0; i < tiles.size(); i++) {
                        AxisTile t = tiles.get(i);
                        AxisWeights aw = w.get(i);
                        // the outer half of each inner halo has weight 0
                        long margin = i > 0 ? (t.coreStart() - t.start()) - (t.coreStart() - t.start()) / 2 : 0;
                        for (long p = t.start(); p < t.start() + margin; p++) assertEquals(0.0, aw.at(p), ctx);
                        assertTrue(aw.supportStart() >= Math.max(0, t.start()) && aw.supportEnd() <= Math.min(extent, t.end()), ctx);
                        for (long p = aw.supportStart(); p < aw.supportEnd(); p++) assertTrue(aw.at(p) > 0, ctx);
                        if (b == Blender.CENTER) {
                            assertEquals(t.coreStart(), aw.supportStart(), ctx);
                            assertEquals(t.coreEnd(), aw.supportEnd(), ctx);
                        }
                    }
                }
            }
        }
    }

    @Test
    void rampsAreSymmetric() {
        for (Blender b : new Blender[] {Blender.COSINE, Blender.GAUSSIAN}) {
            for (int width = 2; width < 80; width += 2) {
                for (int t = 0; t < width; t++) {
                    double up = b.rampUp(t, width);
                    assertTrue(up > 0 && up < 1);
                    assertEquals(1.0, up + b.rampUp(width - 1 - t, width), 1e-12, b.name());
                    if (t > 0) assertTrue(up > b.rampUp(t - 1, width));
                }
            }
        }
    }

    @Test
    void parsesNames() {
        assertSame(Blender.CENTER, Blender.parse("center"));
        assertSame(Blender.COSINE, Blender.parse("Cosine"));
        assertSame(Blender.GAUSSIAN, Blender.parse("gaussian"));
        assertThrows(UsageException.class, () -> Blender.parse("linear"));
    }
}
