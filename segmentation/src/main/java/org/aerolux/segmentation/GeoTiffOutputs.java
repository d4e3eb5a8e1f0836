package org.aerolux.segmentation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.aerolux.core.model.ClassInfo;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.GeoTiffSink;
import org.aerolux.core.raster.RasterInfo;

/**
 * GeoTIFF sinks for the raster outputs of an input, each with the input's exact size, CRS and grid-to-CRS
 * transform: labels uint8 with the class palette, nodata 255 and the class names in the band description;
 * probabilities float32 with one band per class named after it; confidence and entropy float32. Float outputs
 * carry nodata NaN.
 */
public final class GeoTiffOutputs {
    private GeoTiffOutputs() {}

    /** Creates the temporary file of one raster output (nothing appears under {@code target} until commit). */
    public static GeoTiffSink create(SegmentationOutput output, Path target, RasterInfo input, List<ClassInfo> classes) {
        return create(output, target, input, classes, MemoryPlanner.SINK_TILE);
    }

    /** As above, with GeoTIFF tiles of {@code tile} px (the memory plan's; each output buffers one row of them). */
    public static GeoTiffSink create(SegmentationOutput output, Path target, RasterInfo input, List<ClassInfo> classes, int tile) {
        int w = input.width(), h = input.height();
        return switch (output) {
            case LABELS -> GeoTiffSink.builder(target, w, h, 1, DataType.UINT8).georeference(input.georeference())
                    .nodata(SegmentationConsumer.NODATA_LABEL).palette(palette(classes))
                    .bandDescriptions(List.of(labelsDescription(classes))).tileSize(tile).build();
            case PROBABILITIES -> GeoTiffSink.builder(target, w, h, classes.size(), DataType.FLOAT32)
                    .georeference(input.georeference()).nodata(Double.NaN)
                    .bandDescriptions(classes.stream().map(c -> "probability of " + c.name()).toList()).tileSize(tile).build();
            case CONFIDENCE -> single(target, input, "confidence (maximum class probability)", tile);
            case ENTROPY -> single(target, input, "entropy of the class probabilities (nats)", tile);
            case VECTORS -> throw new IllegalArgumentException("vectors are not a raster output");
        };
    }

    private static GeoTiffSink single(Path target, RasterInfo input, String description, int tile) {
        return GeoTiffSink.builder(target, input.width(), input.height(), 1, DataType.FLOAT32).georeference(input.georeference())
                .nodata(Double.NaN).bandDescriptions(List.of(description)).tileSize(tile).build();
    }

    /** 256 colour-table entries: the class colours, black elsewhere (255 = nodata). */
    public static int[] palette(List<ClassInfo> classes) {
        int[] p = new int[256];
        for (int i = 0; i < classes.size(); i++) p[i] = classes.get(i).rgb();
        return p;
    }

    /** The labels band description: every class with its index, e.g. "classes: 0 background, 1 building; 255 nodata". */
    public static String labelsDescription(List<ClassInfo> classes) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) parts.add(i + " " + classes.get(i).name());
        return "classes: " + String.join(", ", parts) + "; 255 nodata";
    }
}
