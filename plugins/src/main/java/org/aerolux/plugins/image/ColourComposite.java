package org.aerolux.plugins.image;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.process.LUT;
import java.awt.Color;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Multi-band images with red, green and blue bands shown in colour: a {@link CompositeImage} in composite mode,
 * one channel per band, the red, green and blue bands with red, green and blue LUTs and every other band (near
 * infrared, ...) grey, the band names as slice labels. The bands' colours come from their names (GDAL's band
 * descriptions "red", "green", "blue", as in the GeoTIFFs GDAL and AeroLux write), or, without names, from the
 * file's photometric RGB interpretation (its first three bands). Other images stay plain stacks.
 */
public final class ColourComposite {
    private ColourComposite() {}

    /** The colour of each band: red, green, blue, or grey; empty when the bands hold no full red-green-blue set. */
    public static Optional<Color[]> colours(List<String> bandNames, boolean photometricRgb) {
        int n = bandNames.size();
        if (n < 3) return Optional.empty();
        Color[] c = new Color[n];
        boolean r = false, g = false, b = false;
        for (int i = 0; i < n; i++) {
            String name = bandNames.get(i).trim().toLowerCase(Locale.ROOT);
            c[i] = switch (name) {
                case "red" -> Color.RED;
                case "green" -> Color.GREEN;
                case "blue" -> Color.BLUE;
                default -> Color.GRAY;
            };
            r |= c[i] == Color.RED;
            g |= c[i] == Color.GREEN;
            b |= c[i] == Color.BLUE;
        }
        if (r && g && b) return Optional.of(c);
        if (!photometricRgb || bandNames.subList(0, 3).stream().anyMatch(s -> !s.isBlank())) return Optional.empty();
        c[0] = Color.RED;
        c[1] = Color.GREEN;
        c[2] = Color.BLUE;
        for (int i = 3; i < n; i++) c[i] = Color.GRAY;
        return Optional.of(c);
    }

    /**
     * {@code imp} (a stack of one slice per band) as a colour composite when {@link #colours} finds red, green and
     * blue bands, else {@code imp} itself. Call before attaching properties: they are not carried over.
     */
    public static ImagePlus of(ImagePlus imp, List<String> bandNames, boolean photometricRgb) {
        Optional<Color[]> colours = colours(bandNames, photometricRgb);
        if (colours.isEmpty() || imp.getStackSize() != bandNames.size()) return imp;
        imp.setDimensions(bandNames.size(), 1, 1);
        CompositeImage ci = new CompositeImage(imp, IJ.COMPOSITE);
        Color[] c = colours.get();
        for (int i = 0; i < c.length; i++) {
            ci.setChannelLut(c[i] == Color.GRAY ? LUT.createLutFromColor(Color.WHITE) : LUT.createLutFromColor(c[i]), i + 1);
            ci.setPositionWithoutUpdate(i + 1, 1, 1);
            if (imp.getBitDepth() == 8) ci.setDisplayRange(0, 255);
            else ci.resetDisplayRange();
        }
        ci.setPositionWithoutUpdate(1, 1, 1);
        return ci;
    }
}
