package org.aerolux.segmentation;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.aerolux.core.raster.RasterSink;

/**
 * Where a segmentation run writes: any {@link RasterSink} per raster output (GeoTIFF files, in-memory ImgLib2
 * images for the Fiji front end) and an optional consumer of label rows for the vector output. The run commits
 * them after the last row and closes them always (removing uncommitted outputs).
 */
public final class SegmentationSinks implements AutoCloseable {
    private final Map<SegmentationOutput, RasterSink> rasters;
    private final LabelRowsConsumer vectors;

    private SegmentationSinks(Map<SegmentationOutput, RasterSink> rasters, LabelRowsConsumer vectors) {
        this.rasters = Collections.unmodifiableMap(rasters);
        this.vectors = vectors;
    }

    /** The outputs these sinks make. */
    public java.util.Set<SegmentationOutput> outputs() {
        java.util.Set<SegmentationOutput> s = java.util.EnumSet.noneOf(SegmentationOutput.class);
        s.addAll(rasters.keySet());
        if (vectors != null) s.add(SegmentationOutput.VECTORS);
        return s;
    }

    public static Builder builder() { return new Builder(); }

    /** The raster sink of an output, if requested. */
    public Optional<RasterSink> raster(SegmentationOutput output) { return Optional.ofNullable(rasters.get(output)); }

    /** The vector consumer, if requested. */
    public Optional<LabelRowsConsumer> vectors() { return Optional.ofNullable(vectors); }

    /** Closes every sink (uncommitted ones leave nothing behind). */
    @Override
    public void close() {
        RuntimeException first = null;
        for (AutoCloseable c : all()) {
            try {
                c.close();
            } catch (Exception e) {
                RuntimeException r = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                if (first == null) first = r;
                else first.addSuppressed(r);
            }
        }
        if (first != null) throw first;
    }

    private java.util.List<AutoCloseable> all() {
        java.util.List<AutoCloseable> list = new java.util.ArrayList<>(rasters.values());
        if (vectors != null) list.add(vectors);
        return list;
    }

    /** Builder of {@link SegmentationSinks}. */
    public static final class Builder {
        private final Map<SegmentationOutput, RasterSink> rasters = new EnumMap<>(SegmentationOutput.class);
        private LabelRowsConsumer vectors;

        private Builder() {}

        /** The sink of a raster output (labels: 1 uint8 band; probabilities: one float band per class; others: 1 float band). */
        public Builder raster(SegmentationOutput output, RasterSink sink) {
            if (!output.isRaster()) throw new IllegalArgumentException(output + " is not a raster output");
            rasters.put(output, sink);
            return this;
        }

        public Builder vectors(LabelRowsConsumer consumer) {
            this.vectors = consumer;
            return this;
        }

        public SegmentationSinks build() { return new SegmentationSinks(new EnumMap<>(rasters), vectors); }
    }
}
