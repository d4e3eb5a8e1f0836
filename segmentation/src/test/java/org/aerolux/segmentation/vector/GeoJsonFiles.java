package org.aerolux.segmentation.vector;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/** Reads GeoJSON back with Gson (independent of the writer) and checks RFC 7946 rules; runs GDAL's ogrinfo. */
final class GeoJsonFiles {
    private static final GeometryFactory GF = new GeometryFactory();

    private GeoJsonFiles() {}

    record Feature(JsonObject properties, Geometry geometry, JsonElement id) {
        long longProp(String k) { return properties.get(k).getAsLong(); }
        double doubleProp(String k) { return properties.get(k).getAsDouble(); }
        String stringProp(String k) { return properties.get(k).getAsString(); }
    }

    static JsonObject read(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /**
     * Parses the features, asserting on the way: a FeatureCollection without "crs"; Polygon or MultiPolygon
     * geometries whose rings are closed, have at least 4 positions, lie in lon [-180, 180] and lat [-90, 90], and wind
     * counter-clockwise (shells) and clockwise (holes); every polygon is valid in JTS.
     */
    static List<Feature> features(Path file) throws IOException {
        JsonObject fc = read(file);
        assertEquals("FeatureCollection", fc.get("type").getAsString());
        assertFalse(fc.has("crs"), "RFC 7946 has no crs member");
        List<Feature> out = new ArrayList<>();
        for (JsonElement e : fc.getAsJsonArray("features")) {
            JsonObject f = e.getAsJsonObject();
            assertEquals("Feature", f.get("type").getAsString());
            JsonObject g = f.getAsJsonObject("geometry");
            String type = g.get("type").getAsString();
            Geometry geom;
            if (type.equals("Polygon")) {
                geom = polygon(g.getAsJsonArray("coordinates"));
            } else {
                assertEquals("MultiPolygon", type);
                JsonArray parts = g.getAsJsonArray("coordinates");
                Polygon[] ps = new Polygon[parts.size()];
                for (int i = 0; i < ps.length; i++) ps[i] = polygon(parts.get(i).getAsJsonArray());
                geom = GF.createMultiPolygon(ps);
            }
            assertTrue(geom.isValid(), () -> "valid geometry: " + new org.locationtech.jts.operation.valid.IsValidOp(geom).getValidationError());
            out.add(new Feature(f.getAsJsonObject("properties"), geom, f.get("id")));
        }
        return out;
    }

    /** The bbox member: [west, south, east, north]. */
    static double[] bbox(Path file) throws IOException {
        JsonArray a = read(file).getAsJsonArray("bbox");
        double[] b = new double[a.size()];
        for (int i = 0; i < b.length; i++) b[i] = a.get(i).getAsDouble();
        return b;
    }

    private static Polygon polygon(JsonArray rings) {
        LinearRing shell = null;
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int r = 0; r < rings.size(); r++) {
            JsonArray ring = rings.get(r).getAsJsonArray();
            assertTrue(ring.size() >= 4, "a linear ring has at least 4 positions");
            Coordinate[] cs = new Coordinate[ring.size()];
            for (int i = 0; i < cs.length; i++) {
                JsonArray p = ring.get(i).getAsJsonArray();
                assertEquals(2, p.size(), "positions are [lon, lat]");
                double lon = p.get(0).getAsDouble(), lat = p.get(1).getAsDouble();
                assertTrue(lon >= -180 && lon <= 180, "longitude in range: " + lon);
                assertTrue(lat >= -90 && lat <= 90, "latitude in range: " + lat);
                cs[i] = new Coordinate(lon, lat);
            }
            assertEquals(cs[0], cs[cs.length - 1], "ring closed: first position = last");
            if (r == 0) {
                assertTrue(Orientation.isCCW(cs), "exterior ring counter-clockwise (RFC 7946 right-hand rule)");
                shell = GF.createLinearRing(cs);
            } else {
                assertFalse(Orientation.isCCW(cs), "holes clockwise (RFC 7946 right-hand rule)");
                holes[r - 1] = GF.createLinearRing(cs);
            }
        }
        return GF.createPolygon(shell, holes);
    }

    /** Runs a command and returns its standard output; fails the test when it fails. */
    static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0)
                throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd[0] + " (install gdal-bin): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
