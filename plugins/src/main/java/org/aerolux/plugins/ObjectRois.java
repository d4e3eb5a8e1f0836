package org.aerolux.plugins;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.gui.ShapeRoi;
import ij.plugin.frame.RoiManager;
import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.aerolux.core.model.ClassInfo;
import org.aerolux.segmentation.area.PixelAreaModel;
import org.aerolux.segmentation.vector.LabelPolygonizer;
import org.aerolux.segmentation.vector.PixelObject;
import org.aerolux.segmentation.vector.VectorOptions;

/**
 * The segmentation objects as ROIs of the ROI Manager ({@code rois}): the very objects of STEM_objects.geojson
 * (the vector output's {@link LabelPolygonizer}, 4-connected, background left out, with their holes), as polygons
 * in pixel coordinates of the input image, named "class N" (N counted per class), outlined in the class colour.
 * Headless they go to the image's overlay (see {@link #show}). At most {@link #MAX_ROIS} are added: beyond that the objects are only counted and the Log says so, so a large
 * image never floods the ROI Manager.
 */
final class ObjectRois {
    /** The most ROIs one run adds. */
    static final int MAX_ROIS = 5000;

    private ObjectRois() {}

    /**
     * The objects of a labels image ({@code width x height} class indices, 255 nodata) as ROIs placed at
     * ({@code x0}, {@code y0}) of the input image: at most {@code max}, with the number of objects found.
     */
    static Outlines outlines(byte[] labels, int width, int height, int x0, int y0, List<ClassInfo> classes, int max) {
        boolean[] objectLabels = new boolean[256];
        for (int c = VectorOptions.defaults().keepBackground() ? 0 : 1; c < classes.size(); c++) objectLabels[c] = true;
        List<Roi> rois = new ArrayList<>();
        int[] perClass = new int[classes.size()];
        long[] total = {0};
        LabelPolygonizer p = new LabelPolygonizer(width, height, objectLabels, VectorOptions.defaults().minPixels(),
                PixelAreaModel.of(org.aerolux.core.raster.Georeference.NONE), o -> {
                    total[0]++;
                    int c = o.label();
                    perClass[c]++;
                    if (rois.size() < max) rois.add(roi(o, x0, y0, classes.get(c), perClass[c]));
                });
        int band = Math.max(1, (1 << 20) / width);
        for (int y = 0; y < height; y += band) {
            int rows = Math.min(band, height - y);
            byte[] chunk = new byte[rows * width];
            System.arraycopy(labels, y * width, chunk, 0, chunk.length);
            p.acceptRows(y, chunk, rows);
        }
        p.finish();
        return new Outlines(rois, total[0]);
    }

    /** ROIs made and the number of objects found. */
    record Outlines(List<Roi> rois, long objects) {}

    /**
     * Adds the ROIs to the ROI Manager (after the ones it holds) and says in the Log when the cap was reached.
     * Headless ImageJ has no ROI Manager (it is a window, even hidden in batch mode), so there they go to the
     * overlay of the input image instead, where macros read them with {@code Overlay.size} and
     * {@code Overlay.activateSelection(i)}; the Log says so.
     */
    static void show(ImagePlus input, Outlines outlines, String title) {
        if (GraphicsEnvironment.isHeadless()) {
            Overlay overlay = input.getOverlay() == null ? new Overlay() : input.getOverlay();
            for (Roi r : outlines.rois()) overlay.add(r);
            input.setOverlay(overlay);
            IJ.log(title + ": headless, so the " + outlines.rois().size() + " ROIs went to the overlay of '" + input.getTitle()
                    + "' (ImageJ has no ROI Manager without a display)");
        } else {
            RoiManager rm = RoiManager.getInstance2();
            if (rm == null) rm = RoiManager.getRoiManager();
            for (Roi r : outlines.rois()) rm.add(r, -1);
        }
        if (outlines.objects() > outlines.rois().size())
            IJ.log(String.format(Locale.ROOT, "%s: %d objects; only the first %d became ROIs (the cap). All of them are in"
                    + " STEM_objects.geojson (check vectors and give a save folder), or select a smaller area", title, outlines.objects(),
                    outlines.rois().size()));
    }

    private static Roi roi(PixelObject o, int x0, int y0, ClassInfo c, int n) {
        Roi roi = polygon(o.shell(), x0, y0);
        if (!o.holes().isEmpty()) {
            ShapeRoi shape = new ShapeRoi(roi);
            for (int[] h : o.holes()) shape = shape.not(new ShapeRoi(polygon(h, x0, y0)));
            roi = shape.trySimplify();
        }
        roi.setName(c.name() + " " + n);
        roi.setStrokeColor(new Color(c.rgb()));
        roi.setProperty("class", c.name());
        roi.setProperty("pixels", Long.toString(o.pixels()));
        return roi;
    }

    private static PolygonRoi polygon(int[] xy, int x0, int y0) {
        int n = xy.length / 2;
        int[] xs = new int[n], ys = new int[n];
        for (int i = 0; i < n; i++) {
            xs[i] = xy[2 * i] + x0;
            ys[i] = xy[2 * i + 1] + y0;
        }
        return new PolygonRoi(xs, ys, n, Roi.POLYGON);
    }
}
