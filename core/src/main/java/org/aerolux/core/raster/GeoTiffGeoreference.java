package org.aerolux.core.raster;

import java.awt.geom.AffineTransform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.imageio.metadata.IIOMetadata;
import org.aerolux.core.BadInputException;
import org.geotools.api.referencing.NoSuchAuthorityCodeException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.coverage.grid.io.imageio.geotiff.GeoTiffIIOMetadataDecoder;
import org.geotools.coverage.grid.io.imageio.geotiff.GeoTiffMetadata2CRSAdapter;
import org.geotools.coverage.grid.io.imageio.geotiff.PixelScale;
import org.geotools.coverage.grid.io.imageio.geotiff.TiePoint;

/**
 * Reads a GeoTIFF's CRS and grid-to-CRS transform with GeoTools' GeoTIFF metadata decoder, the machinery
 * {@code GeoTiffReader} uses, but without its fallbacks: a TIFF without GeoKeys has no CRS (GeoTiffReader would
 * assume one or refuse the file), and one without transform tags has no transform. Keys that are neither projected,
 * geographic nor geocentric give the local engineering CRS GDAL reads from them ({@link EngineeringCrs}).
 */
final class GeoTiffGeoreference {
    private static final int GT_MODEL_TYPE_GEO_KEY = 1024;
    private static final int GT_RASTER_TYPE_GEO_KEY = 1025;
    private static final int RASTER_PIXEL_IS_POINT = 2;

    private GeoTiffGeoreference() {}

    static Georeference read(IIOMetadata metadata, TiffDirectory dir, Path file) {
        checkKeyDirectory(dir, file);
        GeoTiffIIOMetadataDecoder decoder;
        try {
            decoder = new GeoTiffIIOMetadataDecoder(metadata);
        } catch (RuntimeException e) {
            throw new BadInputException(file, "unreadable GeoKeys: " + reason(e), e);
        }
        return new Georeference(crs(decoder, file), transform(decoder, file));
    }

    /**
     * Checks the GeoKeyDirectory's structure, which GeoTools reads leniently: the number of keys it claims, and
     * that every key's value lies inside the tag it points to. GDAL ignores such keys with a warning.
     */
    private static void checkKeyDirectory(TiffDirectory dir, Path file) {
        long[] keys = dir.values(TiffTags.GEO_KEY_DIRECTORY);
        if (keys == null) return;
        if (keys.length < 4) throw new BadInputException(file, "unreadable GeoKeys: the key directory is " + keys.length + " values long");
        long n = keys[3];
        if (4 + 4 * n > keys.length)
            throw new BadInputException(file, "unreadable GeoKeys: the key directory claims " + n + " keys but holds "
                    + (keys.length - 4) / 4);
        long[] doubles = dir.values(TiffTags.GEO_DOUBLE_PARAMS);
        String ascii = dir.string(TiffTags.GEO_ASCII_PARAMS);
        for (int i = 0; i < n; i++) {
            long key = keys[4 + 4 * i], location = keys[5 + 4 * i], count = keys[6 + 4 * i], offset = keys[7 + 4 * i];
            long available;
            if (location == 0) continue;
            else if (location == TiffTags.GEO_DOUBLE_PARAMS) available = doubles == null ? 0 : doubles.length;
            else if (location == TiffTags.GEO_ASCII_PARAMS) available = ascii == null ? 0 : ascii.length() + 1;
            else if (location == TiffTags.GEO_KEY_DIRECTORY) available = keys.length;
            else throw new BadInputException(file, "unreadable GeoKeys: key " + key + " points to tag " + location);
            if (offset + count > available)
                throw new BadInputException(file, "unreadable GeoKeys: key " + key + " reads past the end of tag " + location);
        }
    }

    private static Optional<CrsInfo> crs(GeoTiffIIOMetadataDecoder decoder, Path file) {
        if (!decoder.hasGeoKey() || decoder.getNumGeoKeys() == 0) return Optional.empty();
        if (EngineeringCrs.isLocal(decoder.getGeoKey(GT_MODEL_TYPE_GEO_KEY))) // GDAL: any key at all makes a local CRS
            return Optional.of(GeoCrs.info(EngineeringCrs.fromKeys(decoder)));
        CoordinateReferenceSystem crs;
        try {
            crs = new GeoTiffMetadata2CRSAdapter(null).createCoordinateSystem(decoder);
        } catch (Exception | LinkageError e) {
            throw new BadInputException(file, "unreadable GeoKeys: " + reason(e), e);
        }
        if (crs == null) throw new BadInputException(file, "unreadable GeoKeys: no CRS could be built from them");
        return Optional.of(GeoCrs.info(crs));
    }

    /**
     * The grid-to-CRS affine from the tags themselves (ModelTransformation, or the first ModelTiepoint with
     * ModelPixelScale), so the numbers are exactly those stored. PixelIsPoint tags place pixel centres: the grid
     * is moved back half a pixel to corners, as GDAL reports it.
     */
    private static Optional<Affine> transform(GeoTiffIIOMetadataDecoder decoder, Path file) {
        Affine a;
        try {
            if (decoder.hasModelTrasformation()) {
                AffineTransform m = decoder.getModelTransformation();
                a = new Affine(m.getTranslateX(), m.getScaleX(), m.getShearX(),
                        m.getTranslateY(), m.getShearY(), m.getScaleY());
            } else if (decoder.hasTiePoints() && decoder.hasPixelScales()) {
                TiePoint tp = decoder.getModelTiePoints()[0];
                PixelScale s = decoder.getModelPixelScales();
                double i = tp.getValueAt(0), j = tp.getValueAt(1), x = tp.getValueAt(3), y = tp.getValueAt(4);
                a = new Affine(x - i * s.getScaleX(), s.getScaleX(), 0, y + j * s.getScaleY(), 0, -s.getScaleY());
            } else {
                return Optional.empty(); // nothing, or ground control points only: no affine grid
            }
        } catch (RuntimeException e) {
            throw new BadInputException(file, "unreadable georeferencing tags: " + reason(e), e);
        }
        if (!Double.isFinite(a.originX()) || !Double.isFinite(a.originY()) || a.pixelArea() == 0 || Double.isNaN(a.pixelArea()))
            throw new BadInputException(file, "unreadable georeferencing tags: degenerate grid " + a);
        if (String.valueOf(RASTER_PIXEL_IS_POINT).equals(decoder.getGeoKey(GT_RASTER_TYPE_GEO_KEY))) {
            a = new Affine(a.x(-0.5, -0.5), a.pixelWidth(), a.rowRotation(),
                    a.y(-0.5, -0.5), a.columnRotation(), a.pixelHeight());
        }
        return Optional.of(a);
    }

    /** A one-line reason: the deepest cause with a message (GeoTools wraps causes in multi-line reports). */
    private static String reason(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) chain.add(t);
        Collections.reverse(chain);
        for (Throwable t : chain) {
            if (t instanceof NoSuchAuthorityCodeException n)
                return "unknown CRS code " + n.getAuthorityCode();
            String m = t.getMessage();
            if (m != null && !m.isBlank()) return m.lines().findFirst().orElse(m).trim();
        }
        return e.getClass().getSimpleName();
    }
}
