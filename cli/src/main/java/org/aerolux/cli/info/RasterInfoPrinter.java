package org.aerolux.cli.info;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.CrsInfo;
import org.aerolux.core.raster.GeoTiffSource;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.core.raster.Rasters;

/** {@code aerolux info} for rasters: size, bands, data type, CRS, affine, nodata and descriptions per band. */
public final class RasterInfoPrinter implements InfoPrinter {
    /** Rasters are the fallback: any file no other printer claims is opened as a raster. */
    @Override
    public boolean accepts(Path file) { return true; }

    @Override
    public void print(Path file, boolean json, PrintWriter out) {
        try (RasterSource src = Rasters.open(file)) {
            if (json) out.println(new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
                    .create().toJson(toJson(file, src)));
            else printText(file, src, out);
        }
        out.flush();
    }

    static JsonObject toJson(Path file, RasterSource src) {
        RasterInfo info = src.info();
        JsonObject o = new JsonObject();
        o.addProperty("file", file.toString());
        o.addProperty("kind", "raster");
        o.addProperty("width", info.width());
        o.addProperty("height", info.height());
        o.addProperty("bands", info.bandCount());
        o.addProperty("dataType", typeName(info));
        o.addProperty("gdalType", info.dataType().gdalName());
        if (info.georeference().crs().isPresent()) {
            CrsInfo crs = info.georeference().crs().get();
            JsonObject c = new JsonObject();
            c.add("epsg", crs.epsg().isPresent() ? new JsonPrimitive(crs.epsg().getAsInt()) : JsonNull.INSTANCE);
            c.addProperty("name", crs.name());
            c.addProperty("label", crs.label());
            c.addProperty("geographic", crs.geographic());
            c.addProperty("wkt", crs.wkt());
            o.add("crs", c);
        } else {
            o.add("crs", JsonNull.INSTANCE);
        }
        if (info.georeference().transform().isPresent()) {
            JsonArray a = new JsonArray();
            for (double v : info.georeference().transform().get().toGdal()) a.add(v);
            o.add("affine", a);
        } else {
            o.add("affine", JsonNull.INSTANCE);
        }
        JsonArray nodata = new JsonArray();
        JsonArray descriptions = new JsonArray();
        for (int b = 0; b < info.bandCount(); b++) {
            OptionalDouble nd = info.nodata().get(b);
            if (nd.isEmpty()) nodata.add(JsonNull.INSTANCE);
            else if (Double.isFinite(nd.getAsDouble())) nodata.add(nd.getAsDouble());
            else nodata.add(nodataText(nd));
            descriptions.add(info.bandDescriptions().get(b));
        }
        o.add("nodata", nodata);
        o.add("descriptions", descriptions);
        if (src instanceof GeoTiffSource g) {
            o.addProperty("tiled", g.isTiled());
            JsonArray block = new JsonArray();
            block.add(g.blockWidth());
            block.add(g.blockHeight());
            o.add("block", block);
            o.addProperty("compression", g.compression());
            o.addProperty("bigTiff", g.isBigTiff());
        }
        return o;
    }

    private static void printText(Path file, RasterSource src, PrintWriter out) {
        RasterInfo info = src.info();
        out.println("File:       " + file);
        out.println("Size:       " + info.width() + " x " + info.height() + " pixels, " + info.bandCount()
                + (info.bandCount() == 1 ? " band" : " bands"));
        out.println("Data type:  " + typeName(info) + " (" + info.dataType().gdalName() + ")");
        out.println("CRS:        " + info.georeference().crs()
                .map(c -> c.epsg().isPresent() ? c.label() + " (" + c.name() + ")" : c.name() + " (no EPSG code)")
                .orElse("none"));
        if (info.georeference().transform().isPresent()) {
            Affine a = info.georeference().transform().get();
            StringBuilder sb = new StringBuilder();
            for (double v : a.toGdal()) sb.append(sb.length() == 0 ? "" : ", ").append(number(v));
            out.println("Affine:     " + sb + "   (GDAL order: origin x, pixel width, row rotation, origin y,"
                    + " column rotation, pixel height)");
            out.println("Origin:     " + number(a.originX()) + ", " + number(a.originY()));
            out.println("Pixel size: " + number(a.pixelWidth()) + ", " + number(a.pixelHeight())
                    + (a.isRotated() ? " (rotated grid)" : ""));
        } else {
            out.println("Affine:     none (pixel coordinates only)");
        }
        if (src instanceof GeoTiffSource g)
            out.println("Layout:     " + (g.isTiled() ? "tiled " : "striped, block ") + g.blockWidth() + " x "
                    + g.blockHeight() + ", compression " + g.compression() + (g.isBigTiff() ? ", BigTIFF" : ""));
        out.println("Band  Nodata      Description");
        for (int b = 0; b < info.bandCount(); b++) {
            out.println(String.format(Locale.ROOT, "%4d  %-10s  %s", b + 1, nodataText(info.nodata().get(b)),
                    info.bandDescriptions().get(b)).stripTrailing());
        }
    }

    private static String typeName(RasterInfo info) {
        return info.dataType().name().toLowerCase(Locale.ROOT);
    }

    private static String nodataText(OptionalDouble nd) {
        if (nd.isEmpty()) return "none";
        double v = nd.getAsDouble();
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return number(v);
    }

    /** Shortest exact form: integers without ".0", others as Java's round-trip decimal. */
    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
