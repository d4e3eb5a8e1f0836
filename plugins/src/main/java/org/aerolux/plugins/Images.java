package org.aerolux.plugins;

import ij.ImagePlus;
import ij.WindowManager;
import org.aerolux.core.UsageException;

/** Small helpers about the images a command works on. */
final class Images {
    private Images() {}

    /** The current image, or a usage error naming the command. */
    static ImagePlus current(String title) {
        ImagePlus imp = WindowManager.getCurrentImage();
        if (imp == null) throw new UsageException(null, "no image is open; open or import one first");
        return imp;
    }

    /** A title without its file extension, for output names ("L7_ETMs.tif" gives "L7_ETMs"). */
    static String stem(String title) {
        int dot = title.lastIndexOf('.');
        String s = dot > 0 && title.length() - dot <= 5 ? title.substring(0, dot) : title;
        return s.replaceAll("[\\\\/:*?\"<>|]", "_");
    }
}
