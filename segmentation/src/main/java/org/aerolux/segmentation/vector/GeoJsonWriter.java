package org.aerolux.segmentation.vector;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes an RFC 7946 FeatureCollection one feature at a time: no "crs" member, (lon, lat) positions with a fixed
 * number of decimals, closed rings as given, a "bbox" at the end (members may come in any order). One feature per line.
 */
final class GeoJsonWriter {
    private final Writer out;
    private final int decimals;
    private final long scale;
    private final StringBuilder sb = new StringBuilder(1 << 16);
    private boolean first = true;

    GeoJsonWriter(Writer out, int decimals) {
        this.out = out;
        this.decimals = decimals;
        long s = 1;
        for (int i = 0; i < decimals; i++) s *= 10;
        this.scale = s;
    }

    void begin() throws IOException {
        out.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
    }

    /** One object: a Polygon or MultiPolygon in (lon, lat), with its properties. */
    void feature(long id, int classIndex, String className, long pixels, double areaM2, Geometry g) throws IOException {
        sb.setLength(0);
        if (!first) sb.append(",\n");
        first = false;
        sb.append("{\"type\":\"Feature\",\"id\":").append(id).append(",\"properties\":{\"id\":").append(id)
                .append(",\"class\":").append(classIndex).append(",\"class_name\":");
        string(className);
        sb.append(",\"pixels\":").append(pixels).append(",\"area_m2\":");
        number(areaM2);
        sb.append("},\"geometry\":{\"type\":\"").append(g instanceof Polygon ? "Polygon" : "MultiPolygon")
                .append("\",\"coordinates\":");
        if (g instanceof Polygon p) {
            polygon(p);
        } else {
            sb.append('[');
            for (int i = 0; i < g.getNumGeometries(); i++) {
                if (i > 0) sb.append(',');
                polygon((Polygon) g.getGeometryN(i));
            }
            sb.append(']');
        }
        sb.append("}}");
        out.append(sb);
    }

    /** Closes the collection, with its bounding box [west, south, east, north] when there is one. */
    void end(double[] bbox) throws IOException {
        sb.setLength(0);
        sb.append("\n]");
        if (bbox != null) {
            sb.append(",\"bbox\":[");
            for (int i = 0; i < 4; i++) {
                if (i > 0) sb.append(',');
                coordinate(bbox[i]);
            }
            sb.append(']');
        }
        sb.append("}\n");
        out.append(sb);
    }

    private void polygon(Polygon p) {
        sb.append('[');
        ring(p.getExteriorRing());
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            sb.append(',');
            ring(p.getInteriorRingN(i));
        }
        sb.append(']');
    }

    private void ring(LineString r) {
        sb.append('[');
        Coordinate[] cs = r.getCoordinates();
        for (int i = 0; i < cs.length; i++) {
            if (i > 0) sb.append(',');
            sb.append('[');
            coordinate(cs[i].x);
            sb.append(',');
            coordinate(cs[i].y);
            sb.append(']');
        }
        sb.append(']');
    }

    /** A coordinate with at most {@code decimals} decimals, trailing zeros dropped. */
    private void coordinate(double v) {
        long s = Math.round(v * scale);
        if (s < 0) {
            sb.append('-');
            s = -s;
        }
        sb.append(s / scale);
        long frac = s % scale;
        if (frac == 0) return;
        int digits = decimals;
        while (frac % 10 == 0) {
            frac /= 10;
            digits--;
        }
        sb.append('.');
        String f = Long.toString(frac);
        for (int i = f.length(); i < digits; i++) sb.append('0');
        sb.append(f);
    }

    /** A JSON number with the shortest digits that read back as the same double; null for NaN. */
    private void number(double v) {
        if (!Double.isFinite(v)) {
            sb.append("null");
            return;
        }
        sb.append(new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString());
    }

    private void string(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
