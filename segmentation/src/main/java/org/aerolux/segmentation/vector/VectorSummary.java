package org.aerolux.segmentation.vector;

import java.nio.file.Path;
import java.util.List;

/**
 * What a vectorization wrote.
 *
 * @param file            the GeoJSON file
 * @param classes         objects, pixels and area per class (every class of the model, also those without objects)
 * @param objects         objects written
 * @param droppedObjects  objects left out for being smaller than the minimum size
 * @param peakOpenObjects the most objects open at once (memory grows with it, not with the image)
 * @param areaMethod      how areas were computed (see {@link org.aerolux.segmentation.area.PixelAreaModel#description()})
 * @param coordinateDecimals decimals used for the written coordinates
 */
public record VectorSummary(Path file, List<ClassObjects> classes, long objects, long droppedObjects, int peakOpenObjects,
                            String areaMethod, int coordinateDecimals) {

    public VectorSummary {
        classes = List.copyOf(classes);
    }

    /**
     * Objects of one class.
     *
     * @param classIndex the class index (the label value)
     * @param name       the class name
     * @param objects    objects written
     * @param pixels     their pixels
     * @param areaM2     their area in m² (NaN when unknown)
     */
    public record ClassObjects(int classIndex, String name, long objects, long pixels, double areaM2) {}

    /** Objects written of class {@code classIndex}. */
    public long objects(int classIndex) { return classes.get(classIndex).objects(); }
}
