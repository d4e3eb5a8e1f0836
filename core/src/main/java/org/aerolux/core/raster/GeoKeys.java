package org.aerolux.core.raster;

import java.util.ArrayList;
import java.util.List;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.crs.EngineeringCRS;
import org.geotools.coverage.grid.io.imageio.geotiff.CRS2GeoTiffMetadataAdapter;
import org.geotools.coverage.grid.io.imageio.geotiff.GeoTiffIIOMetadataEncoder;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The three GeoKey tags of a CRS (GeoKeyDirectory, GeoDoubleParams, GeoAsciiParams), encoded by GeoTools'
 * {@link CRS2GeoTiffMetadataAdapter}: an EPSG code when the CRS has one, otherwise user-defined keys with the
 * projection's parameters; a local engineering CRS as GDAL writes it ({@link EngineeringCrs}). GTRasterTypeGeoKey =
 * RasterPixelIsArea is added, since the written grid is corner-based.
 *
 * @param directory   GeoKeyDirectory shorts, header included
 * @param doubles     GeoDoubleParams, possibly empty
 * @param ascii       GeoAsciiParams text (entries end with '|'), possibly empty
 */
record GeoKeys(int[] directory, double[] doubles, String ascii) {
    static GeoKeys encode(CrsInfo info) {
        CoordinateReferenceSystem crs = GeoCrs.toGeoTools(info);
        if (crs instanceof EngineeringCRS local) return EngineeringCrs.keys(info, local);
        GeoTiffIIOMetadataEncoder enc;
        try {
            enc = new CRS2GeoTiffMetadataAdapter(crs).parseCoordinateReferenceSystem();
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot encode the CRS " + info.label() + " as GeoTIFF keys: "
                    + GeoCrs.firstLine(e), e);
        }
        if (!enc.hasGeoKeyEntry(TiffTags.GT_RASTER_TYPE_GEO_KEY))
            enc.addGeoShortParam(TiffTags.GT_RASTER_TYPE_GEO_KEY, TiffTags.RASTER_PIXEL_IS_AREA);
        Element root = enc.createRootTree();
        List<String> dir = values(root, TiffTags.GEO_KEY_DIRECTORY);
        List<String> dbl = values(root, TiffTags.GEO_DOUBLE_PARAMS);
        List<String> asc = values(root, TiffTags.GEO_ASCII_PARAMS);
        int[] directory = dir.stream().mapToInt(Integer::parseInt).toArray();
        double[] doubles = dbl.stream().mapToDouble(Double::parseDouble).toArray(); // Double.toString round-trips
        return new GeoKeys(directory, doubles, String.join("", asc));
    }

    /** The value attributes under the TIFFField with the given number, in document order. */
    private static List<String> values(Element root, int tag) {
        List<String> out = new ArrayList<>();
        for (Node ifd = root.getFirstChild(); ifd != null; ifd = ifd.getNextSibling()) {
            for (Node field = ifd.getFirstChild(); field != null; field = field.getNextSibling()) {
                if (!(field instanceof Element f) || !String.valueOf(tag).equals(f.getAttribute("number"))) continue;
                collect(f, out);
            }
        }
        return out;
    }

    private static void collect(Node n, List<String> out) {
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && e.hasAttribute("value")) out.add(e.getAttribute("value"));
            collect(c, out);
        }
    }
}
