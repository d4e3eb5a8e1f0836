package org.aerolux.segmentation.vector;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.aerolux.core.UsageException;
import org.aerolux.core.io.AtomicOutput;
import org.aerolux.core.model.ClassInfo;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.LonLatTransform;
import org.aerolux.core.raster.Rasters;
import org.aerolux.segmentation.area.PixelAreaModel;
import org.locationtech.jts.geom.Geometry;

/**
 * Streams a uint8 label image (row bands, top to bottom) into one polygon per connected object, as GeoJSON.
 *
 * <p>Objects are 4-connected ({@link VectorOptions#CONNECTIVITY}); each becomes one valid polygon with its holes
 * ({@link RingTracer} explains the rule at corners where an object touches itself diagonally), written as soon as
 * no later row can touch it. The file is an RFC 7946 FeatureCollection in WGS 84 (lon, lat): shells
 * counter-clockwise, holes clockwise, no "crs" member, a "bbox"; objects that cross the antimeridian are cut into a
 * MultiPolygon there. Each feature has the properties {@code id} (also the feature id, 1, 2, ... in the order
 * objects complete), {@code class} (index), {@code class_name}, {@code pixels} and {@code area_m2}, the sum of its
 * pixels' areas ({@link PixelAreaModel}; null when unknown), so that it agrees with class statistics.
 *
 * <p>The file appears under its name only after {@link #finish()}; {@link #close()} without it, or any failure,
 * leaves nothing. Memory grows with the width and the open objects, never with the image. Not thread-safe.
 *
 * <pre>{@code
 * try (ObjectVectorizer v = ObjectVectorizer.toGeoJson(out, w, h, georef, card.classes(), VectorOptions.defaults())) {
 *     for each band: v.acceptRows(y0, labels, rows);
 *     VectorSummary s = v.finish();
 * }
 * }</pre>
 */
public final class ObjectVectorizer implements AutoCloseable {
    /** The nodata label. */
    public static final int NODATA = 255;

    private final Path target;
    private final int width;
    private final List<ClassInfo> classes;
    private final AtomicOutput output;
    private final Writer writer;
    private final GeoJsonWriter json;
    private final LonLatProjector projector;
    private final LabelPolygonizer polygonizer;
    private final PixelAreaModel area;
    private final long[] objects, pixels;
    private final double[] areas;
    private long nextId = 1;
    private boolean finished;
    private boolean failed;
    private boolean closed;

    private ObjectVectorizer(Path target, int width, int height, List<ClassInfo> classes, VectorOptions options,
                             AtomicOutput output, Writer writer, LonLatProjector projector, PixelAreaModel area) {
        this.target = target;
        this.width = width;
        this.classes = List.copyOf(classes);
        this.output = output;
        this.writer = writer;
        this.projector = projector;
        this.area = area;
        this.json = new GeoJsonWriter(writer, projector.decimals());
        this.objects = new long[classes.size()];
        this.pixels = new long[classes.size()];
        this.areas = new double[classes.size()];
        boolean[] objectLabels = new boolean[256];
        for (int c = options.keepBackground() ? 0 : 1; c < classes.size(); c++) objectLabels[c] = true;
        this.polygonizer = new LabelPolygonizer(width, height, objectLabels, options.minPixels(), area, this::write);
    }

    /**
     * Starts a GeoJSON output for a {@code width x height} label image on {@code georef}'s grid.
     *
     * @param classes the model's classes; label {@code i} is {@code classes.get(i)}
     * @throws UsageException when the raster has no CRS or no grid-to-CRS transform (RFC 7946 GeoJSON needs
     *         WGS 84 coordinates), the CRS cannot be transformed to WGS 84, or the output cannot be created
     */
    public static ObjectVectorizer toGeoJson(Path out, int width, int height, Georeference georef,
                                             List<ClassInfo> classes, VectorOptions options) {
        if (width < 1 || height < 1) throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        if (classes.isEmpty() || classes.size() > NODATA)
            throw new IllegalArgumentException("need 1..255 classes, got " + classes.size());
        if (georef.crs().isEmpty())
            throw new UsageException(out, "cannot write objects: the raster has no CRS, and GeoJSON (RFC 7946) needs "
                    + "WGS 84 longitude/latitude; georeference the raster or leave out the vectors output");
        if (georef.transform().isEmpty())
            throw new UsageException(out, "cannot write objects: the raster has no grid-to-CRS transform, and GeoJSON "
                    + "(RFC 7946) needs WGS 84 longitude/latitude; georeference the raster or leave out the vectors output");
        LonLatTransform toLonLat;
        try {
            toLonLat = Rasters.pixelToLonLat(georef);
        } catch (IllegalArgumentException e) {
            throw new UsageException(out, "cannot write objects: " + e.getMessage(), e);
        }
        LonLatProjector projector = LonLatProjector.create(toLonLat, width, height, options.coordinateDecimals(), out,
                Rasters.isGeographic(georef.crs().get()));
        PixelAreaModel area = PixelAreaModel.of(georef);
        AtomicOutput output = AtomicOutput.create(out);
        try {
            Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(output.temp()),
                    StandardCharsets.UTF_8), 1 << 16);
            ObjectVectorizer v = new ObjectVectorizer(out, width, height, classes, options, output, w, projector, area);
            v.json.begin();
            return v;
        } catch (IOException e) {
            output.close();
            throw new UsageException(out, "cannot write output: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            output.close();
            throw e;
        }
    }

    /**
     * Adds {@code rows} rows starting at {@code y0} (which must be the next row).
     *
     * @param labels {@code width * rows} bytes, row-major; 0..254 class index, 255 nodata
     * @throws IllegalArgumentException for a label that is neither a class nor 255, or rows out of order
     */
    public void acceptRows(int y0, byte[] labels, int rows) {
        checkOpen();
        checkLabels(y0, labels, rows);
        try {
            org.aerolux.core.pipeline.FaultInjection.at("vectors");
            polygonizer.acceptRows(y0, labels, rows);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /** Completes the GeoJSON, moves it into place (atomically) and returns the counts per class. */
    public VectorSummary finish() {
        checkOpen();
        try {
            polygonizer.finish();
            json.end(projector.bbox());
            writer.close();
            output.commit();
        } catch (IOException e) {
            failed = true;
            throw new UsageException(target, "cannot write output: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            failed = true;
            throw new UsageException(target, "cannot write output: " + e.getCause().getMessage(), e);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
        finished = true;
        List<VectorSummary.ClassObjects> perClass = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++)
            perClass.add(new VectorSummary.ClassObjects(c, classes.get(c).name(), objects[c], pixels[c], areas[c]));
        return new VectorSummary(output.target(), perClass, nextId - 1, polygonizer.droppedObjects(),
                polygonizer.peakOpenObjects(), area.description(), projector.decimals());
    }

    /** The most objects open at once so far. */
    public int peakOpenObjects() { return polygonizer.peakOpenObjects(); }

    /** Without {@link #finish()}: removes every trace of the output. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (!finished) {
            try {
                writer.close();
            } catch (IOException ignored) {
                // the temporary file is deleted next
            }
        }
        output.close();
    }

    private void write(PixelObject o) {
        Geometry g = projector.project(o);
        int c = o.label();
        long id = nextId++;
        try {
            json.feature(id, c, classes.get(c).name(), o.pixels(), o.areaM2(), g);
        } catch (IOException e) {
            throw new UsageException(target, "cannot write output: " + e.getMessage(), e);
        }
        objects[c]++;
        pixels[c] += o.pixels();
        areas[c] += o.areaM2();
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("vectorizer already closed: " + target);
        if (finished) throw new IllegalStateException("vectorizer already finished: " + target);
        if (failed) throw new IllegalStateException("vectorizer failed earlier: " + target);
    }

    private void checkLabels(int y0, byte[] labels, int rows) {
        int n = Math.min(labels.length, width * rows);
        int k = classes.size();
        for (int i = 0; i < n; i++) {
            int v = labels[i] & 0xff;
            if (v >= k && v != NODATA)
                throw new IllegalArgumentException("label " + v + " at (" + i % width + ", " + (y0 + i / width)
                        + ") is neither one of the " + k + " classes nor nodata " + NODATA);
        }
    }
}
