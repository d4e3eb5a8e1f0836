package org.aerolux.core.raster;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import javax.measure.Unit;
import javax.measure.quantity.Angle;
import javax.measure.quantity.Length;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.crs.EngineeringCRS;
import org.geotools.api.referencing.crs.GeographicCRS;
import org.geotools.api.referencing.datum.Ellipsoid;
import org.geotools.referencing.CRS;
import si.uom.NonSI;
import tech.units.indriya.unit.Units;

/** Converts between GeoTools CRS objects and the plain {@link CrsInfo} values the rest of AeroLux sees. */
final class GeoCrs {
    private static final Map<CrsInfo, CoordinateReferenceSystem> CACHE = new ConcurrentHashMap<>();

    private GeoCrs() {}

    /** The plain description of a GeoTools CRS: EPSG code when its identifiers name one, WKT, name, kind. */
    static CrsInfo info(CoordinateReferenceSystem crs) {
        Integer code = null;
        try {
            code = CRS.lookupEpsgCode(crs, false); // identifiers only: a full scan takes seconds and may guess
            // the EPSG database's own definition, with easting/longitude first as GeoTIFF model space has it
            if (code != null) crs = CRS.decode("EPSG:" + code, true);
        } catch (FactoryException e) {
            // no code, or one the database does not define: keep the CRS as decoded
        }
        String wkt;
        try {
            wkt = crs.toWKT();
        } catch (RuntimeException e) {
            wkt = crs.toString();
        }
        String name = crs.getName() == null ? "unnamed CRS" : crs.getName().getCode();
        CrsInfo info = new CrsInfo(code == null ? OptionalInt.empty() : OptionalInt.of(code), wkt, name,
                crs instanceof GeographicCRS);
        CACHE.putIfAbsent(info, crs);
        return info;
    }

    /** The GeoTools CRS of a description: from the EPSG code when there is one (x = easting or longitude), else from the WKT. */
    static CoordinateReferenceSystem toGeoTools(CrsInfo info) {
        CoordinateReferenceSystem cached = CACHE.get(info);
        if (cached != null) return cached;
        CoordinateReferenceSystem crs;
        try {
            crs = info.epsg().isPresent() ? CRS.decode("EPSG:" + info.epsg().getAsInt(), true) : CRS.parseWKT(info.wkt());
        } catch (FactoryException | RuntimeException e) {
            throw new IllegalArgumentException("not a CRS AeroLux can use (" + info.label() + "): " + firstLine(e), e);
        }
        CACHE.putIfAbsent(info, crs);
        return crs;
    }

    /** The description of an EPSG code, axis order easting/longitude first as in GeoTIFF. */
    static CrsInfo fromEpsg(int code) {
        try {
            return info(CRS.decode("EPSG:" + code, true));
        } catch (FactoryException e) {
            throw new IllegalArgumentException("unknown EPSG code " + code + ": " + firstLine(e), e);
        }
    }

    /** The description of a CRS given as WKT 1. */
    static CrsInfo fromWkt(String wkt) {
        try {
            return info(CRS.parseWKT(wkt));
        } catch (FactoryException | RuntimeException e) {
            throw new IllegalArgumentException("cannot parse the CRS WKT: " + firstLine(e), e);
        }
    }

    /** The axis unit and ellipsoid of a CRS; see {@link CrsMeasures}. */
    static CrsMeasures measures(CrsInfo info) {
        CoordinateReferenceSystem crs = toGeoTools(info);
        Unit<?> unit = crs.getCoordinateSystem().getAxis(0).getUnit();
        double metres = Double.NaN;
        double degrees = Double.NaN;
        if (unit != null && unit.isCompatible(Units.METRE))
            metres = unit.asType(Length.class).getConverterTo(Units.METRE).convert(1.0);
        else if (unit != null && unit.isCompatible(NonSI.DEGREE_ANGLE))
            degrees = unit.asType(Angle.class).getConverterTo(NonSI.DEGREE_ANGLE).convert(1.0);
        Ellipsoid e = CRS.getEllipsoid(crs);
        if (e == null && crs instanceof EngineeringCRS) // a local grid: planar lengths, no Earth behind it
            return new CrsMeasures(false, unit == null ? "unknown" : unit.toString(), metres, degrees, false, Double.NaN, Double.NaN);
        if (e == null) throw new IllegalArgumentException("the CRS " + info.label() + " has no ellipsoid");
        double toMetres = e.getAxisUnit().isCompatible(Units.METRE)
                ? e.getAxisUnit().asType(Length.class).getConverterTo(Units.METRE).convert(1.0) : 1.0;
        boolean latFirst = CRS.getAxisOrder(crs) == CRS.AxisOrder.NORTH_EAST;
        return new CrsMeasures(crs instanceof GeographicCRS, unit == null ? "unknown" : unit.toString(), metres,
                degrees, latFirst, e.getSemiMajorAxis() * toMetres, e.getInverseFlattening());
    }

    /** The first line of an exception's message (GeoTools messages may span lines). */
    static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) return e.getClass().getSimpleName();
        return m.lines().findFirst().orElse(m).trim();
    }
}
