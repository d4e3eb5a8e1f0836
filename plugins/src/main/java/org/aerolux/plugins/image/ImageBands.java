package org.aerolux.plugins.image;

import ij.ImagePlus;
import ij.ImageStack;
import java.util.ArrayList;
import java.util.List;

/**
 * Which planes of an ImagePlus are its bands. AeroLux opens a multi-band raster as a plain stack with one slice
 * per band (slice labels = band names). For other images: the channels at the current slice and frame of a
 * multi-channel hyperstack; else every slice of a stack; an RGB image gives its red, green and blue (see
 * {@link ImagePixels}).
 */
public final class ImageBands {
    private ImageBands() {}

    /** The 1-based stack indices of the bands, in band order. */
    public static List<Integer> stackIndices(ImagePlus imp) {
        List<Integer> idx = new ArrayList<>();
        int channels = imp.getNChannels();
        if (imp.getBitDepth() == 24) {
            idx.add(imp.getCurrentSlice());
        } else if (channels > 1 && channels < imp.getStackSize()) {
            for (int c = 1; c <= channels; c++) idx.add(imp.getStackIndex(c, imp.getSlice(), imp.getFrame()));
        } else {
            for (int i = 1; i <= imp.getStackSize(); i++) idx.add(i);
        }
        return idx;
    }

    /** The band count as AeroLux sees it (3 for an RGB image). */
    public static int count(ImagePlus imp) {
        return imp.getBitDepth() == 24 ? 3 : stackIndices(imp).size();
    }

    /** The band names: slice labels where set (their first line), else "band N". */
    public static List<String> names(ImagePlus imp) {
        List<String> names = new ArrayList<>();
        if (imp.getBitDepth() == 24) return List.of("red", "green", "blue");
        ImageStack stack = imp.getStack();
        for (int i : stackIndices(imp)) {
            String label = imp.getStackSize() == 1 ? null : stack.getSliceLabel(i);
            if (label != null && label.contains("\n")) label = label.substring(0, label.indexOf('\n'));
            names.add(label == null || label.isBlank() ? "" : label.trim());
        }
        return names;
    }
}
