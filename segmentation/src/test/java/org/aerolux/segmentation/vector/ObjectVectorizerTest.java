package org.aerolux.segmentation.vector;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import org.aerolux.core.ExitCode;
import org.aerolux.core.UsageException;
import org.aerolux.core.model.ClassInfo;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.Rasters;
import org.aerolux.segmentation.area.GeodesicArea;
import org.aerolux.segmentation.vector.GeoJsonFiles.Feature;
import org.aerolux.segmentation.vector.LabelImages.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * GeoJSON written by {@link ObjectVectorizer}: read back with Gson and GDAL, on projected, rotated, geographic and
 * antimeridian grids; areas against independent GeographicLib computations; atomic output.
 */
class ObjectVectorizerTest {
    @TempDir
    Path tmp;

    static final List<ClassInfo> CLASSES = List.of(new ClassInfo("background", "#000000"),
            new ClassInfo("building", "#ff0000"), new ClassInfo("Wald \"dicht\" \u00e9", "#00ff00"),
            new ClassInfo("water", "#0000ff"));
    static final Georeference UTM = Georeference.of(Rasters.crs(32633), new Affine(500000, 10, 0, 5000000, 0, -10));

    static final Image SCENE = LabelImages.parse(
            "..........................",
            ".111....22222.....3.3.3...",
            ".1.1....2...2......3.3....",
            ".111....2.3.2.....3.3.3...",
            "........2...2..1111111....",
            "..xx....22222..1.....1....",
            "..x1x..........1.111.1.22.",
            "..xxx..........1.1.1.1.22.",
            "...............1.111.1....",
            "..33...........1.....1....",
            "..3.3..........1111111...1",
            "..33.....................1");

    private VectorSummary vectorize(Image img, Georeference g, VectorOptions options, int band, Path out) {
        try (ObjectVectorizer v = ObjectVectorizer.toGeoJson(out, img.width(), img.height(), g, CLASSES, options)) {
            for (int y = 0; y < img.height(); y += band) {
                int rows = Math.min(band, img.height() - y);
                byte[] chunk = new byte[rows * img.width()];
                System.arraycopy(img.labels(), y * img.width(), chunk, 0, chunk.length);
                v.acceptRows(y, chunk, rows);
            }
            return v.finish();
        }
    }

    private static Image random(long seed, int w, int h) {
        Random rnd = new Random(seed);
        byte[] b = new byte[w * h];
        // blobs: a coarse random grid, upsampled, with noise, so objects have holes and saddles
        int cell = 3;
        int[][] coarse = new int[h / cell + 1][w / cell + 1];
        for (int[] r : coarse) for (int i = 0; i < r.length; i++) r[i] = rnd.nextInt(4);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                b[y * w + x] = (byte) (rnd.nextInt(10) == 0 ? rnd.nextInt(4) : rnd.nextInt(50) == 0 ? 255 : coarse[y / cell][x / cell]);
        return new Image(w, h, b);
    }

    private static int objectCount(Image img) {
        int[] n = new int[1];
        LabelImages.floodFill(img, n);
        return n[0];
    }

    @Test
    void utmObjectsAreRfc7946FeaturesWithExactAreas() throws IOException {
        Path out = tmp.resolve("scene_objects.geojson");
        VectorSummary s = vectorize(SCENE, UTM, VectorOptions.defaults(), 3, out);
        List<Feature> fs = GeoJsonFiles.features(out);
        assertEquals(objectCount(SCENE), fs.size());
        assertEquals(fs.size(), s.objects());
        assertEquals(out.toAbsolutePath(), s.file());
        Map<Integer, Integer> perClass = new HashMap<>();
        Set<Long> ids = new HashSet<>();
        int holes = 0;
        for (Feature f : fs) {
            long id = f.longProp("id");
            assertEquals(id, f.id().getAsLong(), "feature id = property id");
            assertTrue(ids.add(id));
            int c = (int) f.longProp("class");
            assertTrue(c >= 1 && c <= 3, "background is skipped by default");
            assertEquals(CLASSES.get(c).name(), f.stringProp("class_name"));
            assertEquals(f.longProp("pixels") * 100.0, f.doubleProp("area_m2"), 0.0, "10 m pixels: 100 m² each, exactly");
            perClass.merge(c, 1, Integer::sum);
            holes += ((Polygon) f.geometry()).getNumInteriorRing();
            // the geodesic area of the outline is the UTM area divided by the squared scale factor (~0.9996 here)
            double geodesic = GeodesicArea.of((Polygon) f.geometry());
            assertEquals(f.doubleProp("area_m2") / (0.9996 * 0.9996), geodesic, 2e-4 * geodesic);
        }
        assertEquals(4, holes, "the small and the big class-1 rings, the ring inside it and the frame of class 2");
        for (int c = 0; c < CLASSES.size(); c++) assertEquals((long) perClass.getOrDefault(c, 0), s.objects(c));
        assertEquals(0, s.objects(0));
        assertEquals(java.util.stream.LongStream.rangeClosed(1, fs.size()).boxed().collect(java.util.stream.Collectors.toSet()),
                ids, "ids are 1..N");
        double[] bbox = GeoJsonFiles.bbox(out);
        double w = 180, so = 90, e = -180, n = -90;
        for (Feature f : fs) {
            for (Coordinate c : f.geometry().getCoordinates()) {
                w = Math.min(w, c.x); e = Math.max(e, c.x); so = Math.min(so, c.y); n = Math.max(n, c.y);
            }
        }
        assertArrayEquals(new double[] {w, so, e, n}, bbox, 0.0, "bbox = extent of all positions");
        assertTrue(s.areaMethod().contains("EPSG:32633"));
    }

    @Test
    void gdalReadsTheFileAndPutsEveryCornerBackOnThePixelGrid() throws IOException {
        Image img = random(7, 60, 45);
        Path out = tmp.resolve("random_objects.geojson");
        VectorSummary s = vectorize(img, UTM, VectorOptions.defaults(), 4, out);
        assertEquals(objectCount(img), s.objects());
        String info = GeoJsonFiles.run("ogrinfo", "-ro", "-al", "-so", out.toString());
        assertTrue(info.contains("Feature Count: " + s.objects()), info);
        assertTrue(info.contains("Geometry: Polygon"), info);
        String valid = GeoJsonFiles.run("ogrinfo", "-ro", "-dialect", "sqlite", "-sql",
                "select count(*) as n, sum(ST_IsValid(geometry)) as v from random_objects", out.toString());
        assertTrue(valid.contains("n (Integer) = " + s.objects()), valid);
        assertTrue(valid.contains("v (Integer) = " + s.objects()), "GEOS finds every polygon valid: " + valid);

        // PROJ (through ogr2ogr) takes the WGS 84 polygons back to UTM: every corner lands on a pixel corner
        Path back = tmp.resolve("back.geojson");
        GeoJsonFiles.run("ogr2ogr", "-f", "GeoJSON", "-t_srs", "EPSG:32633", "-lco", "COORDINATE_PRECISION=6",
                back.toString(), out.toString());
        JsonObject fc = GeoJsonFiles.read(back);
        int corners = 0;
        double worst = 0;
        for (JsonElement fe : fc.getAsJsonArray("features")) {
            for (JsonElement ring : fe.getAsJsonObject().getAsJsonObject("geometry").getAsJsonArray("coordinates")) {
                for (JsonElement pe : ring.getAsJsonArray()) {
                    JsonArray p = pe.getAsJsonArray();
                    double col = (p.get(0).getAsDouble() - 500000) / 10, row = (p.get(1).getAsDouble() - 5000000) / -10;
                    worst = Math.max(worst, Math.max(Math.abs(col - Math.rint(col)), Math.abs(row - Math.rint(row))));
                    assertTrue(col >= -1e-3 && col <= 60.001 && row >= -1e-3 && row <= 45.001);
                    corners++;
                }
            }
        }
        assertTrue(corners > 1000, "a real test: " + corners + " corners");
        assertTrue(worst < 1e-4, "corners within 1 mm of the pixel grid after a round trip through PROJ: " + worst * 10 + " m");
    }

    @Test
    void bandHeightDoesNotChangeTheFile() throws IOException {
        Image img = random(11, 37, 29);
        Path whole = tmp.resolve("whole.geojson");
        vectorize(img, UTM, VectorOptions.defaults(), img.height(), whole);
        byte[] expected = Files.readAllBytes(whole);
        for (int band : new int[] {1, 2, 7}) {
            Path p = tmp.resolve("band" + band + ".geojson");
            vectorize(img, UTM, VectorOptions.defaults(), band, p);
            assertArrayEquals(expected, Files.readAllBytes(p), "bands of " + band + " rows");
        }
    }

    @Test
    void geographicPixelsHaveGeodesicAreas() throws IOException {
        // 1-degree pixels from the equator northwards: rows cover latitudes 3..2, 2..1, 1..0
        Georeference g = Georeference.of(Rasters.crs(4326), new Affine(10, 1, 0, 3, 0, -1));
        Image img = LabelImages.parse(
                "1.2",
                "1.2",
                ".32");
        Path out = tmp.resolve("geo.geojson");
        vectorize(img, g, VectorOptions.defaults(), 1, out);
        List<Feature> fs = GeoJsonFiles.features(out);
        Map<Integer, Feature> byClass = new HashMap<>();
        for (Feature f : fs) byClass.put((int) f.longProp("class"), f);
        // reference: a 1x1 degree cell on the equator, GeographicLib on WGS 84
        assertEquals(12308778361.469, byClass.get(3).doubleProp("area_m2"), 1e-2);
        assertEquals(cell(0) + cell(1) + cell(2), byClass.get(2).doubleProp("area_m2"), 1e-6);
        assertEquals(cell(1) + cell(2), byClass.get(1).doubleProp("area_m2"), 1e-6);
        assertTrue(cell(2) < cell(0), "cells shrink towards the pole");
        Polygon p = (Polygon) byClass.get(3).geometry();
        assertEquals(new org.locationtech.jts.geom.Envelope(11, 12, 0, 1), p.getEnvelopeInternal());
    }

    /** GeographicLib's area of the 1-degree cell with its south-west corner at (10 + ..., lat). */
    private static double cell(int lat) {
        PolygonArea pa = new PolygonArea(Geodesic.WGS84, false);
        pa.AddPoint(lat, 12);
        pa.AddPoint(lat, 13);
        pa.AddPoint(lat + 1, 13);
        pa.AddPoint(lat + 1, 12);
        return Math.abs(pa.Compute().area);
    }

    @Test
    void fineGeographicGridAreasMatchTheGeodesicAreaOfTheOutline() throws IOException {
        Image img = random(3, 50, 40);
        Georeference g = Georeference.of(Rasters.crs(4326), new Affine(24.5, 0.0005, 0, 61.2, 0, -0.0005));
        Path out = tmp.resolve("fine.geojson");
        VectorSummary s = vectorize(img, g, VectorOptions.defaults(), 8, out);
        List<Feature> fs = GeoJsonFiles.features(out);
        assertEquals(objectCount(img), fs.size());
        for (Feature f : fs) {
            double a = f.doubleProp("area_m2");
            // the outline's long east-west edges are geodesics, which bulge poleward of the parallels that bound
            // the pixels: its area is close to, not equal to, the pixels' area
            assertEquals(GeodesicArea.of((Polygon) f.geometry()), a, 2e-5 * a,
                    "sum of pixel areas ~ geodesic area of the written outline");
            assertEquals(zoneArea(img, g.transform().orElseThrow(), f), a, 1e-9 * a,
                    "sum of pixel areas = exact area of the cells between their parallels and meridians");
        }
        assertTrue(s.areaMethod().contains("per row"), s.areaMethod());
    }

    /**
     * The exact ellipsoidal area of an object's pixels, each the region between two parallels and two meridians:
     * (b^2 / 2) (q(lat2) - q(lat1)) dLon with the authalic function q (Snyder 1987, eq. 3-12); an independent
     * formula, not GeographicLib. The pixels are those whose centres lie in the feature's outline.
     */
    private static double zoneArea(Image img, Affine grid, Feature f) {
        double a = 6378137, fl = 1 / 298.257223563, e2 = fl * (2 - fl), e = Math.sqrt(e2), b = a * (1 - fl);
        java.util.function.DoubleUnaryOperator q = lat -> {
            double s = Math.sin(Math.toRadians(lat));
            return s / (1 - e2 * s * s) - Math.log((1 - e * s) / (1 + e * s)) / (2 * e);
        };
        org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator loc =
                new org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator(f.geometry());
        double sum = 0;
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                Coordinate c = new Coordinate(grid.x(x + 0.5, y + 0.5), grid.y(x + 0.5, y + 0.5));
                if (loc.locate(c) != org.locationtech.jts.geom.Location.INTERIOR) continue;
                double lat1 = grid.y(x, y + 1), lat2 = grid.y(x, y);
                sum += b * b / 2 * Math.abs(q.applyAsDouble(lat2) - q.applyAsDouble(lat1)) * Math.toRadians(grid.pixelWidth());
            }
        }
        return sum;
    }

    @Test
    void rotatedGridAreasAndCorners() throws IOException {
        Affine rot = new Affine(500000, 8.66, 5.0, 5000000, 5.0, -8.66);
        Georeference g = Georeference.of(Rasters.crs(32633), rot);
        Path out = tmp.resolve("rotated.geojson");
        VectorSummary s = vectorize(SCENE, g, VectorOptions.defaults(), 2, out);
        List<Feature> fs = GeoJsonFiles.features(out);
        double det = Math.abs(8.66 * -8.66 - 5.0 * 5.0);
        for (Feature f : fs) assertEquals(f.longProp("pixels") * det, f.doubleProp("area_m2"), 0.0);
        Path back = tmp.resolve("rotated_back.geojson");
        GeoJsonFiles.run("ogr2ogr", "-f", "GeoJSON", "-t_srs", "EPSG:32633", "-lco", "COORDINATE_PRECISION=6",
                back.toString(), out.toString());
        double worst = 0;
        double inv = 1 / (8.66 * -8.66 - 5.0 * 5.0);
        for (JsonElement fe : GeoJsonFiles.read(back).getAsJsonArray("features")) {
            for (JsonElement ring : fe.getAsJsonObject().getAsJsonObject("geometry").getAsJsonArray("coordinates")) {
                for (JsonElement pe : ring.getAsJsonArray()) {
                    double x = pe.getAsJsonArray().get(0).getAsDouble() - 500000;
                    double y = pe.getAsJsonArray().get(1).getAsDouble() - 5000000;
                    double col = inv * (-8.66 * x - 5.0 * y), row = inv * (-5.0 * x + 8.66 * y);
                    worst = Math.max(worst, Math.max(Math.abs(col - Math.rint(col)), Math.abs(row - Math.rint(row))));
                }
            }
        }
        assertTrue(worst < 1e-4, "corners back on the rotated grid: " + worst);
        assertEquals(objectCount(SCENE), s.objects());
    }

    @Test
    void longProjectedEdgesGetPointsOnTheTrueCurve() throws IOException {
        int w = 300;
        byte[] strip = new byte[3 * w];
        for (int x = 0; x < w; x++) strip[w + x] = 1; // row 1: one object 300 pixels long
        Image img = new Image(w, 3, strip);
        Path out = tmp.resolve("strip.geojson");
        vectorize(img, UTM, VectorOptions.defaults(), 3, out);
        Polygon p = (Polygon) GeoJsonFiles.features(out).get(0).geometry();
        assertEquals(4 + 2 * 4 + 1, p.getExteriorRing().getNumPoints(), "4 corners, 4 extra points per long side, closed");
        Path back = tmp.resolve("strip_back.geojson");
        GeoJsonFiles.run("ogr2ogr", "-f", "GeoJSON", "-t_srs", "EPSG:32633", "-lco", "COORDINATE_PRECISION=6",
                back.toString(), out.toString());
        JsonArray ring = GeoJsonFiles.read(back).getAsJsonArray("features").get(0).getAsJsonObject()
                .getAsJsonObject("geometry").getAsJsonArray("coordinates").get(0).getAsJsonArray();
        Set<Double> cols = new java.util.TreeSet<>();
        for (JsonElement pe : ring) {
            double col = (pe.getAsJsonArray().get(0).getAsDouble() - 500000) / 10;
            double row = (pe.getAsJsonArray().get(1).getAsDouble() - 5000000) / -10;
            assertTrue(Math.abs(row - 1) < 1e-4 || Math.abs(row - 2) < 1e-4, "on the strip's edges: row " + row);
            cols.add((double) Math.round(col));
            assertEquals(Math.rint(col), col, 1e-4);
        }
        assertEquals(Set.of(0.0, 64.0, 128.0, 192.0, 256.0, 300.0), cols, "every 64 pixels");
    }

    @Test
    void tinyPixelsGetMoreDecimals() throws IOException {
        Georeference g = Georeference.of(Rasters.crs(32633), new Affine(500000, 0.005, 0, 5000000, 0, -0.005));
        Path out = tmp.resolve("tiny.geojson");
        VectorSummary s = vectorize(SCENE, g, VectorOptions.defaults(), 4, out);
        assertEquals(10, s.coordinateDecimals(), "5 mm pixels are 6.4e-8 degrees of longitude: 10 decimals");
        List<Feature> fs = GeoJsonFiles.features(out); // valid, wound right
        assertEquals(objectCount(SCENE), fs.size());
        for (Feature f : fs) {
            double a = f.doubleProp("area_m2");
            assertEquals(a / (0.9996 * 0.9996), GeodesicArea.of((Polygon) f.geometry()), 1e-3 * a);
        }
        VectorSummary coarse = vectorize(SCENE, UTM, VectorOptions.defaults(), 4, tmp.resolve("coarse.geojson"));
        assertEquals(9, coarse.coordinateDecimals());
    }

    @Test
    void feetAreConvertedToSquareMetres() throws IOException {
        Georeference g = Georeference.of(Rasters.crs(2263), new Affine(980000, 3, 0, 200000, 0, -3)); // NY, US survey feet
        Path out = tmp.resolve("feet.geojson");
        vectorize(SCENE, g, VectorOptions.defaults(), 5, out);
        double ft = 1200.0 / 3937.0;
        for (Feature f : GeoJsonFiles.features(out))
            assertEquals(f.longProp("pixels") * 9 * ft * ft, f.doubleProp("area_m2"), 1e-9 * f.doubleProp("area_m2"));
    }

    @Test
    void objectsAcrossTheAntimeridianAreCut() throws IOException {
        // half-degree pixels from 178.5 E: columns 3.. are east of 180 and GeoTools leaves them past 180
        Georeference g = Georeference.of(Rasters.crs(4326), new Affine(178.5, 0.5, 0, -16, 0, -0.5));
        Image img = LabelImages.parse(
                "..1111..",
                "..1..1..",
                "..1111..",
                "........",
                ".2......");
        Path out = tmp.resolve("fiji.geojson");
        VectorSummary s = vectorize(img, g, VectorOptions.defaults(), 2, out);
        List<Feature> fs = GeoJsonFiles.features(out);
        assertEquals(2, fs.size());
        Feature ring = fs.stream().filter(f -> f.longProp("class") == 1).findFirst().orElseThrow();
        assertInstanceOf(MultiPolygon.class, ring.geometry(), "cut in two at 180");
        MultiPolygon mp = (MultiPolygon) ring.geometry();
        assertEquals(2, mp.getNumGeometries());
        double[] ext = {mp.getGeometryN(0).getEnvelopeInternal().getMinX(), mp.getGeometryN(0).getEnvelopeInternal().getMaxX(),
                mp.getGeometryN(1).getEnvelopeInternal().getMinX(), mp.getGeometryN(1).getEnvelopeInternal().getMaxX()};
        java.util.Arrays.sort(ext);
        assertArrayEquals(new double[] {-180, -178.5, 179.5, 180}, ext, 1e-12);
        double geodesic = 0;
        for (int i = 0; i < 2; i++) geodesic += GeodesicArea.of((Polygon) mp.getGeometryN(i));
        // half-degree edges as geodesics differ from the parallels by ~3e-5 of the area
        assertEquals(ring.doubleProp("area_m2"), geodesic, 1e-4 * geodesic, "the two parts keep the object's area");
        assertEquals(10, ring.longProp("pixels"));
        assertArrayEquals(new double[] {179, -18.5, -178.5, -16}, GeoJsonFiles.bbox(out), 1e-12,
                "RFC 7946 5.2: a bbox across the antimeridian has west > east");
        assertEquals(2, s.objects());
    }

    @Test
    void globalGridInZeroTo360Longitudes() throws IOException {
        // 30-degree cells, longitudes 0..360 as climate grids have them
        Georeference g = Georeference.of(Rasters.crs(4326), new Affine(0, 30, 0, 60, 0, -30));
        Image img = LabelImages.parse(
                "............",
                "111111111111",
                "......22....",
                "............");
        Path out = tmp.resolve("global.geojson");
        vectorize(img, g, VectorOptions.defaults(), 1, out);
        List<Feature> fs = GeoJsonFiles.features(out); // valid, wound right, within [-180, 180]
        Feature band = fs.stream().filter(f -> f.longProp("class") == 1).findFirst().orElseThrow();
        assertInstanceOf(Polygon.class, band.geometry(), "the band around the globe is one polygon again");
        assertEquals(new org.locationtech.jts.geom.Envelope(-180, 180, 0, 30), band.geometry().getEnvelopeInternal());
        Feature east = fs.stream().filter(f -> f.longProp("class") == 2).findFirst().orElseThrow();
        assertEquals(new org.locationtech.jts.geom.Envelope(-180, -120, -30, 0), east.geometry().getEnvelopeInternal(),
                "180..240 E is 180..120 W");
        assertArrayEquals(new double[] {-180, -30, 180, 30}, GeoJsonFiles.bbox(out), 0.0);
        PolygonArea cell = new PolygonArea(Geodesic.WGS84, false);
        cell.AddPoint(-30, 180);
        cell.AddPoint(-30, 210);
        cell.AddPoint(0, 210);
        cell.AddPoint(0, 180);
        double want = 2 * Math.abs(cell.Compute().area);
        assertEquals(want, east.doubleProp("area_m2"), 1e-9 * want, "two pixels, each GeographicLib's quadrilateral");
    }

    @Test
    void optionsKeepBackgroundAndDropSmallObjects() throws IOException {
        Path all = tmp.resolve("all.geojson");
        VectorSummary withBg = vectorize(SCENE, UTM, VectorOptions.defaults().withKeepBackground(true), 4, all);
        assertTrue(withBg.objects(0) >= 1);
        assertEquals(objectCount(SCENE) + withBg.objects(0), withBg.objects());
        assertTrue(GeoJsonFiles.features(all).stream().anyMatch(f -> f.longProp("class") == 0));

        Path big = tmp.resolve("big.geojson");
        VectorSummary s = vectorize(SCENE, UTM, VectorOptions.defaults().withMinPixels(2), 4, big);
        List<Feature> fs = GeoJsonFiles.features(big);
        assertTrue(fs.stream().allMatch(f -> f.longProp("pixels") >= 2));
        assertTrue(s.droppedObjects() > 0);
        assertEquals(objectCount(SCENE), s.objects() + s.droppedObjects());
    }

    @Test
    void rasterWithoutCrsIsAUsageErrorBeforeAnyFileExists() throws IOException {
        Path out = tmp.resolve("nocrs.geojson");
        UsageException e = assertThrows(UsageException.class, () -> ObjectVectorizer.toGeoJson(out, 10, 10,
                Georeference.NONE, CLASSES, VectorOptions.defaults()));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals(2, e.exitCode().code());
        assertTrue(e.getMessage().contains("no CRS") && e.getMessage().contains("RFC 7946"), e.getMessage());
        assertTrue(e.getMessage().startsWith(out.toString()), "names the file: " + e.getMessage());
        UsageException noGrid = assertThrows(UsageException.class, () -> ObjectVectorizer.toGeoJson(out, 10, 10,
                new Georeference(java.util.Optional.of(Rasters.crs(32633)), java.util.Optional.empty()), CLASSES,
                VectorOptions.defaults()));
        assertTrue(noGrid.getMessage().contains("transform"), noGrid.getMessage());
        assertEmpty(tmp);
    }

    @Test
    void closeWithoutFinishAndFailuresLeaveNothing() throws IOException {
        Path out = tmp.resolve("gone.geojson");
        try (ObjectVectorizer v = ObjectVectorizer.toGeoJson(out, SCENE.width(), SCENE.height(), UTM, CLASSES,
                VectorOptions.defaults())) {
            v.acceptRows(0, java.util.Arrays.copyOf(SCENE.labels(), SCENE.width() * 6), 6);
        }
        assertEmpty(tmp);

        byte[] bad = SCENE.labels().clone();
        bad[5 * SCENE.width() + 3] = 9; // no class 9 among 4
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            try (ObjectVectorizer v = ObjectVectorizer.toGeoJson(out, SCENE.width(), SCENE.height(), UTM, CLASSES,
                    VectorOptions.defaults())) {
                v.acceptRows(0, bad, SCENE.height());
                v.finish();
            }
        });
        assertTrue(e.getMessage().contains("label 9 at (3, 5)"), e.getMessage());
        assertEmpty(tmp);

        assertThrows(IllegalStateException.class, () -> {
            try (ObjectVectorizer v = ObjectVectorizer.toGeoJson(out, SCENE.width(), SCENE.height(), UTM, CLASSES,
                    VectorOptions.defaults())) {
                v.acceptRows(0, SCENE.labels(), 3);
                v.finish(); // rows missing
            }
        });
        assertEmpty(tmp);
    }

    @Test
    void finishedFileReplacesAnOlderOne() throws IOException {
        Path out = tmp.resolve("again.geojson");
        Files.writeString(out, "old");
        vectorize(SCENE, UTM, VectorOptions.defaults(), 4, out);
        assertEquals(objectCount(SCENE), GeoJsonFiles.features(out).size());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(out), s.toList(), "no temporary file left");
        }
    }

    private static void assertEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> left = s.toList();
            assertTrue(left.isEmpty(), "nothing left behind: " + left);
        }
    }

    @Test
    void emptyImageGivesAnEmptyCollection() throws IOException {
        Path out = tmp.resolve("empty.geojson");
        Image img = LabelImages.parse("....", "x..x");
        VectorSummary s = vectorize(img, UTM, VectorOptions.defaults(), 1, out);
        assertEquals(0, s.objects());
        JsonObject fc = GeoJsonFiles.read(out);
        assertEquals(0, fc.getAsJsonArray("features").size());
        assertFalse(fc.has("bbox"), "no bbox without features");
        String info = GeoJsonFiles.run("ogrinfo", "-ro", "-al", "-so", out.toString());
        assertTrue(info.contains("Feature Count: 0"), info);
    }
}
