package org.aerolux.core.provenance;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.OptionalDouble;
import org.aerolux.core.raster.CrsInfo;
import org.aerolux.core.raster.RasterInfo;

/**
 * The input section: the file, its size and grid. {@code nodata} holds one entry a band: a number, "nan", or null
 * for none; {@code geotransform} is GDAL's six coefficients, or null without georeferencing.
 *
 * @param path absolute, normalised; null for an image that came from no file
 */
public record InputInfo(String path, String fileName, Long sizeBytes, String modified, int width, int height, int bands,
                        String dataType, Crs crs, double[] geotransform, JsonArray nodata) {
    /** The CRS of the input. */
    public record Crs(Integer epsg, String name, boolean geographic, String wkt) {
        static Crs of(CrsInfo c) {
            return new Crs(c.epsg().isPresent() ? c.epsg().getAsInt() : null, c.name(), c.geographic(), c.wkt());
        }
    }

    /** The facts of {@code file} (null for an in-memory image) and its raster. */
    public static InputInfo of(Path file, RasterInfo info) {
        Long size = null;
        String modified = null;
        if (file != null && Files.isRegularFile(file)) {
            try {
                size = Files.size(file);
                modified = Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
            } catch (IOException e) {
                // recorded as unknown
            }
        }
        JsonArray nodata = new JsonArray();
        for (OptionalDouble nd : info.nodata())
            nodata.add(nd.isEmpty() ? JsonNull.INSTANCE : Double.isNaN(nd.getAsDouble()) ? new JsonPrimitive("nan")
                    : ProvenanceJson.number(nd.getAsDouble()));
        return new InputInfo(file == null ? null : file.toAbsolutePath().normalize().toString(),
                file == null ? null : file.getFileName().toString(), size, modified, info.width(), info.height(), info.bandCount(),
                info.dataType().gdalName(), info.georeference().crs().map(Crs::of).orElse(null),
                info.georeference().transform().map(t -> t.toGdal()).orElse(null), nodata);
    }
}
