package org.aerolux.core.raster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import javax.measure.Unit;
import javax.measure.quantity.Length;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.crs.EngineeringCRS;
import org.geotools.api.referencing.cs.CSAuthorityFactory;
import org.geotools.coverage.grid.io.imageio.geotiff.GeoTiffIIOMetadataDecoder;
import org.geotools.referencing.ReferencingFactoryFinder;
import org.geotools.referencing.crs.DefaultEngineeringCRS;
import org.geotools.referencing.cs.DefaultCartesianCS;
import org.geotools.referencing.datum.DefaultEngineeringDatum;
import tech.units.indriya.function.MultiplyConverter;
import tech.units.indriya.unit.TransformedUnit;
import tech.units.indriya.unit.Units;

/**
 * Local (engineering) CRSs in GeoTIFF keys, read and written as GDAL does (gt_wkt_srs.cpp): a file whose GeoKeys
 * say neither projected, geographic nor geocentric (GTModelTypeGeoKey absent or user-defined) has a local Cartesian
 * CRS, easting/northing, named by GTCitationGeoKey (else GeogCitationGeoKey, else "unnamed"), in the length unit of
 * ProjLinearUnitsGeoKey: an EPSG unit code, or user-defined with ProjLinearUnitSizeGeoKey metres per unit, or
 * absent ("unknown", 1 m). GDAL reports it as {@code ENGCRS["name", ...]} (WKT 2) or {@code LOCAL_CS} (WKT 1).
 * GeoTools reads no CRS from such keys and cannot write one, so both directions are here.
 */
final class EngineeringCrs {
    private static final int GT_MODEL_TYPE = 1024, GT_RASTER_TYPE = 1025, GT_CITATION = 1026, GEOG_CITATION = 2049,
            PROJ_LINEAR_UNITS = 3076, PROJ_LINEAR_UNIT_SIZE = 3077;
    private static final int USER_DEFINED = 32767;
    /** The EPSG length units written by code (others are written user-defined, with their size in metres). */
    private static final int[] KNOWN_UNITS = {9001, 9002, 9003, 9005, 9014, 9030, 9036, 9037, 9093, 9096};
    private static final String UNKNOWN = "unknown";

    private EngineeringCrs() {}

    /** True when GDAL reads keys with this GTModelTypeGeoKey value (null: absent) as a local CRS. */
    static boolean isLocal(String modelType) {
        return modelType == null || !(modelType.equals("1") || modelType.equals("2") || modelType.equals("3"));
    }

    /** The local CRS GDAL reads from the keys. */
    static EngineeringCRS fromKeys(GeoTiffIIOMetadataDecoder keys) {
        String name = citation(keys.getGeoKey(GT_CITATION));
        if (name == null) name = citation(keys.getGeoKey(GEOG_CITATION));
        if (name == null) name = "unnamed";
        return create(name, unit(keys.getGeoKey(PROJ_LINEAR_UNITS), keys.getGeoKey(PROJ_LINEAR_UNIT_SIZE)));
    }

    /** A local Cartesian CRS, easting/northing in the given unit. */
    static EngineeringCRS create(String name, Unit<Length> unit) {
        return new DefaultEngineeringCRS(Map.of("name", name), new DefaultEngineeringDatum(name),
                DefaultCartesianCS.PROJECTED.usingUnit(unit));
    }

    /** The GeoKeys GDAL writes for a local CRS: raster type area, the name as citation, the linear unit. */
    static GeoKeys keys(CrsInfo info, EngineeringCRS crs) {
        Unit<?> unit = crs.getCoordinateSystem().getAxis(0).getUnit();
        if (unit == null || !unit.isCompatible(Units.METRE))
            throw new IllegalArgumentException("the local CRS " + info.label() + " has axes in " + unit + ", not a length");
        double metres = unit.asType(Length.class).getConverterTo(Units.METRE).convert(1.0);
        // a unit GDAL called "unknown" stays user-defined, also after the WKT went through another JVM
        boolean unknown = info.wkt().contains("UNIT[\"" + UNKNOWN + "\"");
        OptionalInt code = unknown ? OptionalInt.empty() : epsgCode(metres);
        String citation = crs.getName().getCode() + "|";
        List<int[]> entries = new ArrayList<>();
        entries.add(new int[] {GT_RASTER_TYPE, 0, 1, TiffTags.RASTER_PIXEL_IS_AREA});
        entries.add(new int[] {GT_CITATION, TiffTags.GEO_ASCII_PARAMS, citation.length(), 0});
        entries.add(new int[] {PROJ_LINEAR_UNITS, 0, 1, code.orElse(USER_DEFINED)});
        if (code.isEmpty()) entries.add(new int[] {PROJ_LINEAR_UNIT_SIZE, TiffTags.GEO_DOUBLE_PARAMS, 1, 0});
        int[] dir = new int[4 + 4 * entries.size()];
        dir[0] = 1;
        dir[1] = 1;
        dir[2] = 0;
        dir[3] = entries.size();
        for (int i = 0; i < entries.size(); i++) System.arraycopy(entries.get(i), 0, dir, 4 + 4 * i, 4);
        return new GeoKeys(dir, code.isEmpty() ? new double[] {metres} : new double[0], citation);
    }

    private static String citation(String s) {
        if (s == null) return null;
        String t = s.endsWith("|") ? s.substring(0, s.length() - 1) : s;
        return t.isBlank() ? null : t;
    }

    /** The unit of ProjLinearUnitsGeoKey (and ProjLinearUnitSizeGeoKey), as GDAL interprets them. */
    private static Unit<Length> unit(String code, String size) {
        if (code == null) return unknown(1.0);
        int c;
        try {
            c = Integer.parseInt(code.trim());
        } catch (NumberFormatException e) {
            return unknown(1.0);
        }
        if (c == USER_DEFINED) {
            try {
                double m = size == null ? 1.0 : Double.parseDouble(size.trim());
                return unknown(m > 0 && Double.isFinite(m) ? m : 1.0);
            } catch (NumberFormatException e) {
                return unknown(1.0);
            }
        }
        try {
            Unit<?> u = epsg().createUnit("EPSG:" + c);
            if (u.isCompatible(Units.METRE)) return u.asType(Length.class);
        } catch (FactoryException | RuntimeException e) {
            // not an EPSG length unit: GDAL calls it unknown, one metre
        }
        return unknown(1.0);
    }

    private static Unit<Length> unknown(double metres) {
        return new TransformedUnit<>(UNKNOWN, Units.METRE, MultiplyConverter.of(metres));
    }

    private static OptionalInt epsgCode(double metres) {
        for (int code : KNOWN_UNITS) {
            try {
                double m = epsg().createUnit("EPSG:" + code).asType(Length.class).getConverterTo(Units.METRE).convert(1.0);
                if (Math.abs(m - metres) <= 1e-12 * metres) return OptionalInt.of(code);
            } catch (FactoryException | RuntimeException e) {
                // skip a unit this EPSG database lacks
            }
        }
        return OptionalInt.empty();
    }

    private static CSAuthorityFactory epsg() {
        return ReferencingFactoryFinder.getCSAuthorityFactory("EPSG", null);
    }
}
