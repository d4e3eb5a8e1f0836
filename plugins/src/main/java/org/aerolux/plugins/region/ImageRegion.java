package org.aerolux.plugins.region;

import ij.ImagePlus;
import ij.gui.Roi;
import java.awt.Rectangle;
import java.util.Optional;
import org.aerolux.core.UsageException;

/**
 * Where a command runs on an image: the {@code box} whose results are kept (the bounding box of an area
 * selection, else the whole image) inside the {@code window} that is read (the box grown by the model's halo on
 * every side, as far as the image goes), so that pixels at the box's edge see their real neighbours as they would
 * in a run over the whole image. Rectangles are in pixels of the image.
 */
public record ImageRegion(Rectangle box, Rectangle window, boolean selection) {
    public ImageRegion {
        box = new Rectangle(box);
        window = new Rectangle(window);
        if (!window.contains(box)) throw new IllegalArgumentException("the window " + window + " does not hold the box " + box);
    }

    /** The whole image. */
    public static ImageRegion whole(int width, int height) {
        Rectangle all = new Rectangle(0, 0, width, height);
        return new ImageRegion(all, all, false);
    }

    /**
     * The bounding box of the image's area selection (clipped to the image) with {@code halo} pixels around it, or
     * the whole image when there is no area selection (a line or point selection is ignored).
     *
     * @throws UsageException when the selection lies outside the image
     */
    public static ImageRegion of(ImagePlus imp, int halo) {
        Optional<Rectangle> box = selectionBox(imp);
        if (box.isEmpty()) return whole(imp.getWidth(), imp.getHeight());
        return around(box.get(), halo, imp.getWidth(), imp.getHeight());
    }

    /** {@code box} with {@code halo} pixels on every side, clipped to a {@code width x height} image. */
    public static ImageRegion around(Rectangle box, int halo, int width, int height) {
        int h = Math.max(0, halo);
        int x0 = Math.max(0, box.x - h), y0 = Math.max(0, box.y - h);
        int x1 = Math.min(width, box.x + box.width + h), y1 = Math.min(height, box.y + box.height + h);
        return new ImageRegion(box, new Rectangle(x0, y0, x1 - x0, y1 - y0), true);
    }

    /** The bounding box of an area selection, clipped to the image; empty without one. */
    static Optional<Rectangle> selectionBox(ImagePlus imp) {
        Roi roi = imp.getRoi();
        if (roi == null || !roi.isArea()) return Optional.empty();
        Rectangle r = roi.getBounds().intersection(new Rectangle(0, 0, imp.getWidth(), imp.getHeight()));
        if (r.isEmpty())
            throw new UsageException(null, "the selection on '" + imp.getTitle() + "' lies outside the image; select inside it,"
                    + " or Edit > Selection > Select None to run on the whole image");
        return Optional.of(r);
    }

    /** True when the window is larger than the box (the results must be cut out of it). */
    public boolean cropped() { return !box.equals(window); }

    /** The box's offset inside the window. */
    public int boxXInWindow() { return box.x - window.x; }

    public int boxYInWindow() { return box.y - window.y; }

    /** For the provenance file: the box and the window read (image pixels), as {@code selection}. */
    public com.google.gson.JsonObject toJson() {
        com.google.gson.JsonObject o = rectangle(box);
        o.add("window_read", rectangle(window));
        o.addProperty("note", "only the bounding box of the image's area selection was processed; outputs cover the box");
        return o;
    }

    private static com.google.gson.JsonObject rectangle(Rectangle r) {
        com.google.gson.JsonObject o = new com.google.gson.JsonObject();
        o.addProperty("x", r.x);
        o.addProperty("y", r.y);
        o.addProperty("width", r.width);
        o.addProperty("height", r.height);
        return o;
    }

    /** One line for the Log, e.g. "selection 120x80 at (10, 20), read with a 16 px halo". */
    public String describe() {
        if (!selection) return "whole image";
        return "selection " + box.width + "x" + box.height + " at (" + box.x + ", " + box.y + "), read as " + window.width + "x"
                + window.height + " at (" + window.x + ", " + window.y + ") for the model's halo";
    }
}
