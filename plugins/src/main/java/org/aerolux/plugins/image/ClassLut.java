package org.aerolux.plugins.image;

import ij.process.LUT;
import java.util.List;
import org.aerolux.core.model.ClassInfo;

/**
 * The LUT of a labels image: each class in its model-card colour, the remaining indices in distinct glasbey-like
 * colours (golden-angle hues at alternating lightness, so neighbouring indices never look alike), and 255
 * (nodata) black.
 */
public final class ClassLut {
    private ClassLut() {}

    public static LUT of(List<ClassInfo> classes) {
        byte[] r = new byte[256], g = new byte[256], b = new byte[256];
        for (int i = 0; i < 255; i++) {
            int rgb = i < classes.size() ? classes.get(i).rgb() : distinct(i);
            r[i] = (byte) (rgb >> 16);
            g[i] = (byte) (rgb >> 8);
            b[i] = (byte) rgb;
        }
        return new LUT(r, g, b);
    }

    /** A distinct colour for index i (golden-angle hue steps, three lightness levels). */
    static int distinct(int i) {
        float hue = (float) ((i * 0.381966011250105) % 1.0);
        float saturation = 0.65f + 0.35f * ((i / 3) % 2);
        float brightness = new float[] {0.95f, 0.7f, 0.5f}[i % 3];
        return java.awt.Color.HSBtoRGB(hue, saturation, brightness) & 0xFFFFFF;
    }
}
