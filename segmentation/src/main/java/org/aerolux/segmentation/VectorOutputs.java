package org.aerolux.segmentation;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.aerolux.segmentation.vector.ObjectVectorizer;
import org.aerolux.segmentation.vector.VectorOptions;
import org.aerolux.segmentation.vector.VectorSummary;

/** The vector output {@code STEM_objects.geojson}: label rows streamed into an {@link ObjectVectorizer}. */
public final class VectorOutputs {
    private VectorOutputs() {}

    /** GeoJSON objects (RFC 7946, WGS 84 lon/lat), one polygon per 4-connected object, background left out. */
    public static VectorOutputFactory geoJson() { return geoJson(VectorOptions.defaults()); }

    public static VectorOutputFactory geoJson(VectorOptions options) {
        return (target, input, classes) -> {
            ObjectVectorizer v = ObjectVectorizer.toGeoJson(target, input.width(), input.height(), input.georeference(), classes, options);
            return new LabelRowsConsumer() {
                @Override
                public void acceptRows(int y0, byte[] labels, int rows) { v.acceptRows(y0, labels, rows); }

                @Override
                public JsonObject finish() { return json(v.finish(), options); }

                @Override
                public void close() { v.close(); }
            };
        };
    }

    /** What the vectorizer wrote, for the provenance file. */
    static JsonObject json(VectorSummary s, VectorOptions options) {
        JsonObject o = new JsonObject();
        o.addProperty("file", s.file().getFileName().toString());
        o.addProperty("objects", s.objects());
        o.addProperty("dropped_objects", s.droppedObjects());
        o.addProperty("connectivity", VectorOptions.CONNECTIVITY);
        o.addProperty("keep_background", options.keepBackground());
        o.addProperty("min_pixels", options.minPixels());
        o.addProperty("coordinate_decimals", s.coordinateDecimals());
        o.addProperty("peak_open_objects", s.peakOpenObjects());
        o.addProperty("area_method", s.areaMethod());
        JsonArray classes = new JsonArray();
        for (VectorSummary.ClassObjects c : s.classes()) {
            JsonObject e = new JsonObject();
            e.addProperty("index", c.classIndex());
            e.addProperty("name", c.name());
            e.addProperty("objects", c.objects());
            e.addProperty("pixels", c.pixels());
            e.add("area_m2", Double.isFinite(c.areaM2()) ? new JsonPrimitive(c.areaM2()) : JsonNull.INSTANCE);
            classes.add(e);
        }
        o.add("classes", classes);
        return o;
    }
}
