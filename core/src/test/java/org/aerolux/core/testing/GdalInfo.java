package org.aerolux.core.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs GDAL's {@code gdalinfo -json} (an independent reader) on a file and exposes what tests compare.
 * Requires the Debian package gdal-bin, which .ci/run installs.
 */
public final class GdalInfo {
    private final JsonObject json;

    private GdalInfo(JsonObject json) { this.json = json; }

    /** Runs gdalinfo; throws when gdalinfo fails, so a missing tool fails the test instead of skipping it. */
    public static GdalInfo of(Path file, String... extraArgs) {
        List<String> cmd = new ArrayList<>(List.of("gdalinfo", "-json"));
        cmd.addAll(List.of(extraArgs));
        cmd.add(file.toString());
        try {
            Processes.Result r = Processes.run(cmd, null, java.time.Duration.ofSeconds(120));
            if (r.code() != 0) throw new AssertionError("gdalinfo failed on " + file + ": " + r.err());
            return new GdalInfo(JsonParser.parseString(r.out()).getAsJsonObject());
        } catch (IOException e) {
            throw new AssertionError("cannot run gdalinfo (install gdal-bin): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public JsonObject json() { return json; }

    public int width() { return json.getAsJsonArray("size").get(0).getAsInt(); }

    public int height() { return json.getAsJsonArray("size").get(1).getAsInt(); }

    public int bandCount() { return json.getAsJsonArray("bands").size(); }

    /** The GDAL geotransform, or null when the file has none. */
    public double[] geoTransform() {
        if (!json.has("geoTransform")) return null;
        JsonArray a = json.getAsJsonArray("geoTransform");
        double[] gt = new double[6];
        for (int i = 0; i < 6; i++) gt[i] = a.get(i).getAsDouble();
        return gt;
    }

    /** The EPSG code GDAL identifies, or null. */
    public Integer epsg() {
        if (!json.has("coordinateSystem")) return null;
        JsonObject cs = json.getAsJsonObject("coordinateSystem");
        String wkt = cs.has("wkt") ? cs.get("wkt").getAsString() : "";
        if (wkt.isEmpty()) return null;
        // the authority of the outermost object is the last ID["EPSG",n] at nesting depth 1
        int depth = 0;
        Integer found = null;
        for (int i = 0; i < wkt.length(); i++) {
            char c = wkt.charAt(i);
            if (c == '[') depth++;
            else if (c == ']') depth--;
            else if (depth == 1 && wkt.startsWith("ID[\"EPSG\",", i)) {
                int start = i + "ID[\"EPSG\",".length();
                int end = start;
                while (end < wkt.length() && Character.isDigit(wkt.charAt(end))) end++;
                found = Integer.parseInt(wkt.substring(start, end));
            }
        }
        return found;
    }

    /** The CRS WKT GDAL reports, or the empty string. */
    public String wkt() {
        if (!json.has("coordinateSystem")) return "";
        JsonObject cs = json.getAsJsonObject("coordinateSystem");
        return cs.has("wkt") ? cs.get("wkt").getAsString() : "";
    }

    /** GDAL's type name of a band (1-based), e.g. Byte, UInt16, Float32. */
    public String bandType(int band) { return bandObj(band).get("type").getAsString(); }

    /** The band's nodata as a double (NaN for "nan"), or null when unset. */
    public Double noData(int band) {
        JsonObject b = bandObj(band);
        if (!b.has("noDataValue")) return null;
        var v = b.get("noDataValue");
        if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
            String s = v.getAsString().toLowerCase();
            return s.equals("nan") ? Double.NaN : Double.parseDouble(s);
        }
        return v.getAsDouble();
    }

    /** The band description, or the empty string. */
    public String description(int band) {
        JsonObject b = bandObj(band);
        return b.has("description") ? b.get("description").getAsString() : "";
    }

    /** The band's colour interpretation, e.g. Palette, Gray, Red. */
    public String colorInterpretation(int band) {
        JsonObject b = bandObj(band);
        return b.has("colorInterpretation") ? b.get("colorInterpretation").getAsString() : "";
    }

    /** A metadata item of the IMAGE_STRUCTURE domain, e.g. COMPRESSION, or null. */
    public String imageStructure(String key) {
        if (!json.has("metadata")) return null;
        JsonObject md = json.getAsJsonObject("metadata");
        if (!md.has("IMAGE_STRUCTURE")) return null;
        JsonObject is = md.getAsJsonObject("IMAGE_STRUCTURE");
        return is.has(key) ? is.get(key).getAsString() : null;
    }

    /** Block size [w, h] of a band. */
    public int[] block(int band) {
        JsonArray a = bandObj(band).getAsJsonArray("block");
        return new int[] {a.get(0).getAsInt(), a.get(1).getAsInt()};
    }

    /** An item of a metadata domain ("" for the default domain, e.g. AREA_OR_POINT), or null. */
    public String metadata(String domain, String key) {
        if (!json.has("metadata")) return null;
        JsonObject md = json.getAsJsonObject("metadata");
        if (!md.has(domain)) return null;
        JsonObject d = md.getAsJsonObject(domain);
        return d.has(key) ? d.get(key).getAsString() : null;
    }

    /** {lon, lat} of the upper-left corner as GDAL reprojects it to WGS 84 (wgs84Extent), or null. */
    public double[] wgs84UpperLeft() {
        if (!json.has("wgs84Extent")) return null;
        JsonArray ring = json.getAsJsonObject("wgs84Extent").getAsJsonArray("coordinates").get(0).getAsJsonArray();
        JsonArray p = ring.get(0).getAsJsonArray();
        return new double[] {p.get(0).getAsDouble(), p.get(1).getAsDouble()};
    }

    /** Entry {@code index} of a band's colour table as {r, g, b, a}, or null when the band has none. */
    public int[] colorTableEntry(int band, int index) {
        JsonObject b = bandObj(band);
        if (!b.has("colorTable")) return null;
        JsonArray e = b.getAsJsonObject("colorTable").getAsJsonArray("entries").get(index).getAsJsonArray();
        return new int[] {e.get(0).getAsInt(), e.get(1).getAsInt(), e.get(2).getAsInt(), e.get(3).getAsInt()};
    }

    /** The band's category names (GDAL reads them from the .aux.xml sidecar), empty when none. */
    public List<String> categories(int band) {
        JsonObject b = bandObj(band);
        List<String> out = new ArrayList<>();
        if (b.has("categories")) for (var e : b.getAsJsonArray("categories")) out.add(e.getAsString());
        return out;
    }

    private JsonObject bandObj(int band) {
        return json.getAsJsonArray("bands").get(band - 1).getAsJsonObject();
    }
}
