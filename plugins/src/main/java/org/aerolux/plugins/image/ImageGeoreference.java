package org.aerolux.plugins.image;

import ij.ImagePlus;
import ij.measure.Calibration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.aerolux.core.BadInputException;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.CrsInfo;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.Rasters;

/**
 * The georeferencing an image carries in ImageJ, so that it survives Image &gt; Duplicate, Image &gt; Crop,
 * Image &gt; Scale and saving as an ImageJ TIFF.
 *
 * <p>Design (from ImageJ 1.54p's own code): image "string properties" ({@code ImagePlus.setProp}) are copied
 * by Duplicate and Crop and kept in ImageJ TIFFs, but nothing in them changes when pixels move. The
 * {@link Calibration} origin does change: Duplicate and Crop with a selection subtract the selection's top-left
 * corner from {@code xOrigin}/{@code yOrigin} (only when the origin is not (0, 0)), and Scale multiplies the origin
 * and divides the pixel size by the scale factor. So the exact GDAL geotransform of the imported grid is kept as
 * text in the properties, together with the calibration origin and pixel size it had then (the anchor); the
 * grid of the image as it is now is the stored transform shifted by the anchor minus the current origin (and
 * scaled when the pixel size changed). No arithmetic touches the stored transform of an image that was only
 * cropped: its origin moves by whole pixels exactly as {@link Affine#shifted} does.
 *
 * <p>For north-up grids the calibration is the map itself: pixel size in CRS units, unit m (or degree), the
 * origin such that ImageJ's status bar and measurements show map coordinates (y inverted). Rotated grids and
 * images without a transform get a pixel calibration with an anchor origin of (1e-6, 1e-6) px, nonzero so that
 * ImageJ keeps tracking crops. Properties (all text, prefix {@value #PREFIX}): {@code CRS} (WKT), {@code EPSG},
 * {@code GeoTransform} (6 numbers), {@code Anchor} (x origin, y origin, pixel width, pixel height),
 * {@code Nodata} (per band, empty for none), {@code Bands} (names, tab separated).
 */
public final class ImageGeoreference {
    public static final String PREFIX = "AeroLux.";
    static final String CRS = PREFIX + "CRS", EPSG = PREFIX + "EPSG", TRANSFORM = PREFIX + "GeoTransform", ANCHOR = PREFIX + "Anchor",
            NODATA = PREFIX + "Nodata", BANDS = PREFIX + "Bands";
    /** Anchor origin, in pixels, of grids whose calibration cannot show map coordinates. */
    static final double PIXEL_ANCHOR = 1e-6;

    private ImageGeoreference() {}

    /**
     * Stores georeferencing, nodata and band names in {@code imp} and sets its calibration; any earlier AeroLux
     * georeferencing is replaced. An empty georeference removes it (the image is then a plain image).
     */
    public static void attach(ImagePlus imp, Georeference georeference, List<OptionalDouble> nodata, List<String> bandNames) {
        for (String key : new String[] {CRS, EPSG, TRANSFORM, ANCHOR, NODATA, BANDS}) imp.setProp(key, (String) null);
        imp.setProp(NODATA, nodataText(nodata));
        if (bandNames.stream().anyMatch(n -> !n.isBlank())) imp.setProp(BANDS, String.join("\t", bandNames));
        if (georeference.isEmpty()) return;
        georeference.crs().ifPresent(c -> {
            imp.setProp(CRS, c.wkt());
            if (c.epsg().isPresent()) imp.setProp(EPSG, Integer.toString(c.epsg().getAsInt()));
        });
        Calibration cal = imp.getCalibration().copy();
        Optional<Affine> t = georeference.transform();
        if (t.isPresent() && !t.get().isRotated() && t.get().pixelWidth() > 0 && t.get().pixelHeight() != 0) {
            Affine a = t.get();
            cal.pixelWidth = a.pixelWidth();
            cal.pixelHeight = Math.abs(a.pixelHeight());
            cal.setUnit(unit(georeference.crs()));
            cal.xOrigin = -a.originX() / a.pixelWidth();
            cal.setInvertY(a.pixelHeight() < 0);
            cal.yOrigin = a.pixelHeight() < 0 ? a.originY() / -a.pixelHeight() : -a.originY() / a.pixelHeight();
            // ImageJ tracks crops only while the origin is not (0, 0), and inverts y about the image height when
            // yOrigin is 0: keep it off zero by a negligible amount
            if (cal.yOrigin == 0) cal.yOrigin = PIXEL_ANCHOR;
        } else {
            cal.pixelWidth = 1;
            cal.pixelHeight = 1;
            cal.setUnit("pixel");
            cal.setInvertY(false);
            cal.xOrigin = PIXEL_ANCHOR;
            cal.yOrigin = PIXEL_ANCHOR;
        }
        imp.setCalibration(cal);
        t.ifPresent(a -> imp.setProp(TRANSFORM, numbers(a.toGdal())));
        imp.setProp(ANCHOR, numbers(new double[] {cal.xOrigin, cal.yOrigin, cal.pixelWidth, cal.pixelHeight}));
    }

    /** True when the image carries AeroLux georeferencing (a CRS or a transform). */
    public static boolean isGeoreferenced(ImagePlus imp) {
        return imp.getProp(CRS) != null || imp.getProp(TRANSFORM) != null;
    }

    /**
     * The georeference of the image as it is now: the stored transform shifted (and scaled) to follow crops,
     * duplicates of selections and scaling since import. {@link Georeference#NONE} for a plain image.
     *
     * @throws BadInputException when the stored properties are damaged
     */
    public static Georeference of(ImagePlus imp) {
        String wkt = imp.getProp(CRS);
        Optional<CrsInfo> crs = Optional.empty();
        if (wkt != null) {
            try {
                String epsg = imp.getProp(EPSG);
                crs = Optional.of(epsg != null ? Rasters.crs(Integer.parseInt(epsg.trim())) : Rasters.crsFromWkt(wkt));
            } catch (RuntimeException e) {
                throw damaged(imp, "its CRS (" + e.getMessage() + ")");
            }
        }
        String gt = imp.getProp(TRANSFORM);
        if (gt == null) return new Georeference(crs, Optional.empty());
        Affine stored = Affine.fromGdal(parse(imp, gt, 6, "GeoTransform"));
        double[] anchor = parse(imp, imp.getProp(ANCHOR), 4, "Anchor");
        return new Georeference(crs, Optional.of(current(stored, anchor, imp.getCalibration())));
    }

    /** The transform of the current grid from the stored one, the anchor and the current calibration. */
    static Affine current(Affine stored, double[] anchor, Calibration cal) {
        double sx = anchor[2] / cal.pixelWidth, sy = anchor[3] / cal.pixelHeight; // new pixels per stored pixel
        double col = anchor[0] - cal.xOrigin / sx, row = anchor[1] - cal.yOrigin / sy;
        if (sx == 1 && sy == 1) {
            long c = Math.round(col), r = Math.round(row);
            if (Math.abs(col - c) < 1e-6 && Math.abs(row - r) < 1e-6) return stored.shifted(c, r);
        }
        return new Affine(stored.x(col, row), stored.pixelWidth() / sx, stored.rowRotation() / sy, stored.y(col, row),
                stored.columnRotation() / sx, stored.pixelHeight() / sy);
    }

    /** Nodata per band for {@code bands} bands: as stored when the count matches, else the first value for all. */
    public static List<OptionalDouble> nodata(ImagePlus imp, int bands) {
        String text = imp.getProp(NODATA);
        if (text == null || text.isBlank()) return Collections.nCopies(bands, OptionalDouble.empty());
        List<OptionalDouble> values = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String p = part.trim();
            try {
                values.add(p.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(p)));
            } catch (NumberFormatException e) {
                throw damaged(imp, "its nodata '" + text + "'");
            }
        }
        if (values.size() == bands) return values;
        OptionalDouble first = values.stream().filter(OptionalDouble::isPresent).findFirst().orElse(OptionalDouble.empty());
        return Collections.nCopies(bands, first);
    }

    /** Band names for {@code bands} bands: as stored when the count matches, else the slice labels. */
    public static List<String> bandNames(ImagePlus imp, int bands) {
        String text = imp.getProp(BANDS);
        if (text != null) {
            List<String> names = List.of(text.split("\t", -1));
            if (names.size() == bands) return names;
        }
        List<String> labels = ImageBands.names(imp);
        return labels.size() == bands ? labels : Collections.nCopies(bands, "");
    }

    /** The EPSG code stored with the image, if any. */
    public static OptionalInt epsg(ImagePlus imp) {
        String e = imp.getProp(EPSG);
        try {
            return e == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(e.trim()));
        } catch (NumberFormatException x) {
            return OptionalInt.empty();
        }
    }

    private static String unit(Optional<CrsInfo> crs) {
        if (crs.isEmpty()) return "pixel";
        if (crs.get().geographic()) return "degree";
        try {
            var m = Rasters.measures(crs.get());
            return m.metresPerUnit() == 1 ? "m" : m.unitName();
        } catch (RuntimeException e) {
            return "m";
        }
    }

    private static String nodataText(List<OptionalDouble> nodata) {
        if (nodata.stream().noneMatch(OptionalDouble::isPresent)) return null;
        List<String> parts = new ArrayList<>();
        for (OptionalDouble d : nodata) parts.add(d.isPresent() ? Double.toString(d.getAsDouble()) : "");
        return String.join(",", parts);
    }

    private static String numbers(double[] v) {
        List<String> parts = new ArrayList<>();
        for (double d : v) parts.add(Double.toString(d)); // shortest text that parses back to the same double
        return String.join(" ", parts);
    }

    private static double[] parse(ImagePlus imp, String text, int n, String what) {
        if (text == null) throw damaged(imp, "its " + what + " (missing)");
        String[] parts = text.trim().split("\\s+");
        if (parts.length != n) throw damaged(imp, "its " + what + " '" + text + "'");
        double[] v = new double[n];
        try {
            for (int i = 0; i < n; i++) v[i] = Double.parseDouble(parts[i]);
        } catch (NumberFormatException e) {
            throw damaged(imp, "its " + what + " '" + text + "'");
        }
        return v;
    }

    private static BadInputException damaged(ImagePlus imp, String what) {
        return new BadInputException(null, String.format(Locale.ROOT, "image '%s' carries damaged AeroLux georeferencing: %s;"
                + " import the GeoTIFF again", imp.getTitle(), what));
    }
}
