package org.aerolux.segmentation;

import java.nio.file.Path;
import java.util.List;
import org.aerolux.core.model.ClassInfo;
import org.aerolux.core.raster.RasterInfo;

/** Makes the consumer that writes {@code STEM_objects.geojson} from the label rows of one input. */
@FunctionalInterface
public interface VectorOutputFactory {
    /** A consumer that writes {@code target} atomically (nothing there until {@link LabelRowsConsumer#finish()}). */
    LabelRowsConsumer create(Path target, RasterInfo input, List<ClassInfo> classes);
}
