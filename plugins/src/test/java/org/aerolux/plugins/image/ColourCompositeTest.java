package org.aerolux.plugins.image;

import static org.junit.jupiter.api.Assertions.*;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which band lists become colour composites, and with which channel colours. */
class ColourCompositeTest {
    @Test
    void bandNamesOrPhotometricRgbGiveTheColours() {
        assertArrayEquals(new Color[] {Color.BLUE, Color.GREEN, Color.RED, Color.GRAY},
                ColourComposite.colours(List.of("blue", "green", "red", "nir"), false).orElseThrow());
        assertArrayEquals(new Color[] {Color.RED, Color.GREEN, Color.BLUE},
                ColourComposite.colours(List.of("", "", ""), true).orElseThrow());
        assertTrue(ColourComposite.colours(List.of("", "", ""), false).isEmpty());
        assertTrue(ColourComposite.colours(List.of("band 1", "band 2", "band 3"), true).isEmpty(), "named, but not colours");
        assertTrue(ColourComposite.colours(List.of("red", "green"), false).isEmpty());
        assertTrue(ColourComposite.colours(List.of("", "", "", "", "", ""), false).isEmpty());
    }

    @Test
    void anRgbNirStackBecomesACompositeWithRedGreenBlueAndGreyLuts() {
        ImageStack s = new ImageStack(4, 3);
        for (String n : List.of("red", "green", "blue", "nir")) s.addSlice(n, new ByteProcessor(4, 3));
        ImagePlus imp = ColourComposite.of(new ImagePlus("x", s), List.of("red", "green", "blue", "nir"), false);
        CompositeImage ci = assertInstanceOf(CompositeImage.class, imp);
        assertEquals(CompositeImage.COMPOSITE, ci.getMode());
        int[][] top = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 255}};
        for (int c = 0; c < 4; c++) {
            var lut = ci.getChannelLut(c + 1);
            assertArrayEquals(top[c], new int[] {lut.getRed(255), lut.getGreen(255), lut.getBlue(255)}, "channel " + (c + 1));
            assertEquals(List.of("red", "green", "blue", "nir").get(c), ci.getStack().getSliceLabel(c + 1));
        }
    }
}
