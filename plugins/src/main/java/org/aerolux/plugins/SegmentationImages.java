package org.aerolux.plugins;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.process.ByteProcessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import org.aerolux.core.model.ClassInfo;
import org.aerolux.core.raster.Georeference;
import org.aerolux.plugins.image.ClassLut;
import org.aerolux.plugins.image.ImageGeoreference;
import org.aerolux.plugins.image.ImageSink;
import org.aerolux.segmentation.GeoTiffOutputs;
import org.aerolux.segmentation.SegmentationOutput;

/** The result images of a segmentation: names, slice labels, LUT, display range and the input's georeferencing. */
final class SegmentationImages {
    /** Property of the labels image: "0=name" lines. */
    static final String CLASSES = ImageGeoreference.PREFIX + "Classes";
    static final int NODATA_LABEL = 255;

    private SegmentationImages() {}

    static ImagePlus of(SegmentationOutput output, ImageSink sink, String stem, List<ClassInfo> classes, Georeference georeference) {
        ImagePlus imp = sink.image(stem + output.suffix().replace(".tif", ""));
        ImageStack stack = imp.getStack();
        List<String> names = new ArrayList<>();
        switch (output) {
            case LABELS -> {
                names.add(GeoTiffOutputs.labelsDescription(classes));
                imp.getProcessor().setLut(ClassLut.of(classes));
                imp.setDisplayRange(0, 255);
                StringBuilder lines = new StringBuilder();
                for (int i = 0; i < classes.size(); i++) lines.append(i).append('=').append(classes.get(i).name()).append('\n');
                imp.setProp(CLASSES, lines.toString().trim());
                imp.setProperty("Info", "AeroLux labels\n" + lines + NODATA_LABEL + "=nodata\n");
            }
            case PROBABILITIES -> {
                for (ClassInfo c : classes) names.add("probability of " + c.name());
                for (int i = 0; i < classes.size(); i++) stack.setSliceLabel(classes.get(i).name(), i + 1);
                imp.setDisplayRange(0, 1);
            }
            case CONFIDENCE -> {
                names.add("confidence (maximum class probability)");
                imp.setDisplayRange(0, 1);
            }
            case ENTROPY -> {
                names.add("entropy of the class probabilities (nats)");
                imp.setDisplayRange(0, Math.log(classes.size()));
            }
            default -> throw new IllegalArgumentException(output + " is not an image");
        }
        if (output != SegmentationOutput.PROBABILITIES && imp.getStackSize() == 1) imp.setProp("Label", names.get(0));
        OptionalDouble nodata = output == SegmentationOutput.LABELS ? OptionalDouble.of(NODATA_LABEL) : OptionalDouble.of(Double.NaN);
        ImageGeoreference.attach(imp, georeference, Collections.nCopies(names.size(), nodata), names);
        return imp;
    }

    /** The labels drawn over the input image (their top-left corner at (x0, y0)) as a translucent overlay (replacing an earlier AeroLux overlay). */
    static void overlay(ImagePlus input, ImagePlus labels, List<ClassInfo> classes, int x0, int y0) {
        ByteProcessor bp = (ByteProcessor) labels.getProcessor().duplicate();
        bp.setLut(ClassLut.of(classes));
        ImageRoi roi = new ImageRoi(x0, y0, bp.convertToRGB());
        roi.setOpacity(0.45);
        roi.setName("AeroLux labels");
        Overlay o = input.getOverlay() == null ? new Overlay() : input.getOverlay();
        for (int i = o.size() - 1; i >= 0; i--) if ("AeroLux labels".equals(o.get(i).getName())) o.remove(i);
        o.add(roi);
        input.setOverlay(o);
    }
}
