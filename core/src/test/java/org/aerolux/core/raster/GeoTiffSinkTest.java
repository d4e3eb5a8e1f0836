package org.aerolux.core.raster;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.integer.UnsignedIntType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.aerolux.core.testing.Gdal;
import org.aerolux.core.testing.GdalInfo;
import org.aerolux.core.testing.TestImages;
import org.aerolux.core.testing.TestImages.PixelFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rasters written by {@link GeoTiffSink}, each checked with gdalinfo and GDAL's own decoding (an independent
 * reader) and re-read with {@link GeoTiffSource}.
 */
class GeoTiffSinkTest {
    @TempDir
    Path tmp;

    private static final String CUSTOM_TM = "PROJCS[\"AeroLux test TM\", GEOGCS[\"WGS 84\", DATUM[\"WGS_1984\","
            + " SPHEROID[\"WGS 84\",6378137,298.257223563]], PRIMEM[\"Greenwich\",0], UNIT[\"degree\",0.0174532925199433]],"
            + " PROJECTION[\"Transverse_Mercator\"], PARAMETER[\"latitude_of_origin\",12.5],"
            + " PARAMETER[\"central_meridian\",7.25], PARAMETER[\"scale_factor\",0.9995],"
            + " PARAMETER[\"false_easting\",250000], PARAMETER[\"false_northing\",-1000], UNIT[\"metre\",1],"
            + " AXIS[\"Easting\",EAST], AXIS[\"Northing\",NORTH]]";

    @Test
    void rotatedGridKeepsItsRotation() {
        Affine rotated = new Affine(500000, 8.66, 5.0, 4100000, 5.0, -8.66);
        Path f = write("rotated.tif", 300, 200, 1, DataType.UINT8, Georeference.of(Rasters.crs(32633), rotated),
                (x, y, b) -> (x + 2 * y) % 256, 70);
        GdalInfo gi = GdalInfo.of(f);
        assertEquals(32633, gi.epsg());
        assertArrayEquals(rotated.toGdal(), gi.geoTransform(), 1e-9, "gdalinfo reads the same rotated grid");
        assertPixelsEqual(f, 300, 200, 1, (x, y, b) -> (x + 2 * y) % 256);
        RasterInfo back = reread(f);
        assertArrayEquals(rotated.toGdal(), back.georeference().transform().orElseThrow().toGdal(), 1e-9);
        assertEquals(32633, back.georeference().crs().orElseThrow().epsg().orElseThrow());
    }

    @Test
    void southUpGridIsWrittenAsAMatrix() {
        Affine southUp = new Affine(10, 0.5, 0, -20, 0, 0.25);
        Path f = write("southup.tif", 40, 30, 1, DataType.UINT8, Georeference.of(Rasters.crs(4326), southUp),
                (x, y, b) -> y, 30);
        assertArrayEquals(southUp.toGdal(), GdalInfo.of(f).geoTransform(), 1e-12);
        assertArrayEquals(southUp.toGdal(), reread(f).georeference().transform().orElseThrow().toGdal(), 1e-12);
    }

    @Test
    void geographicWgs84() {
        Affine grid = new Affine(-10.5, 0.001, 0, 52.25, 0, -0.001);
        Path f = write("wgs84.tif", 260, 130, 3, DataType.UINT16, Georeference.of(Rasters.crs(4326), grid),
                (x, y, b) -> 1000 * b + x + y, 64);
        GdalInfo gi = GdalInfo.of(f);
        assertEquals(4326, gi.epsg());
        assertArrayEquals(grid.toGdal(), gi.geoTransform(), 0.0);
        assertEquals("UInt16", gi.bandType(1));
        assertEquals("DEFLATE", gi.imageStructure("COMPRESSION"));
        assertArrayEquals(new int[] {64, 64}, gi.block(1));
        assertPixelsEqual(f, 260, 130, 3, (x, y, b) -> 1000 * b + x + y);
        RasterInfo back = reread(f);
        CrsInfo crs = back.georeference().crs().orElseThrow();
        assertEquals(OptionalInt.of(4326), crs.epsg());
        assertTrue(crs.geographic());
        assertArrayEquals(grid.toGdal(), back.georeference().transform().orElseThrow().toGdal(), 0.0);
        double[] ll = Rasters.pixelToLonLat(back.georeference()).apply(10, 20);
        assertEquals(-10.5 + 0.01, ll[0], 1e-9, "longitude first");
        assertEquals(52.25 - 0.02, ll[1], 1e-9);
    }

    @Test
    void projectedCrsWithoutEpsgCodeIsWrittenAsUserDefinedKeys() {
        CrsInfo custom = Rasters.crsFromWkt(CUSTOM_TM);
        assertTrue(custom.epsg().isEmpty());
        Affine grid = new Affine(251000, 2, 0, 1390000, 0, -2);
        Path f = write("custom.tif", 64, 48, 1, DataType.FLOAT32, Georeference.of(custom, grid), (x, y, b) -> x * 0.5 - y, 16);
        GdalInfo gi = GdalInfo.of(f);
        assertNull(gi.epsg(), "no EPSG code is invented");
        String wkt = gi.wkt();
        assertTrue(wkt.startsWith("PROJCRS["), wkt);
        assertTrue(wkt.contains("Transverse Mercator"), wkt);
        assertTrue(wkt.contains("\"Longitude of natural origin\",7.25"), wkt);
        assertTrue(wkt.contains("\"Latitude of natural origin\",12.5"), wkt);
        assertTrue(wkt.contains("\"Scale factor at natural origin\",0.9995"), wkt);
        assertTrue(wkt.contains("\"False easting\",250000"), wkt);
        assertTrue(wkt.contains("\"False northing\",-1000"), wkt);
        assertTrue(wkt.contains("WGS 84") || wkt.contains("WGS_1984"), wkt);
        assertArrayEquals(grid.toGdal(), gi.geoTransform(), 0.0);
        RasterInfo back = reread(f);
        CrsInfo crs = back.georeference().crs().orElseThrow();
        assertTrue(crs.epsg().isEmpty());
        assertTrue(crs.wkt().contains("7.25") && crs.wkt().contains("0.9995"), crs.wkt());
        // the CRS read back places pixels on Earth exactly like the one written
        double[] a = Rasters.pixelToLonLat(Georeference.of(custom, grid)).apply(10, 10);
        double[] b = Rasters.pixelToLonLat(back.georeference()).apply(10, 10);
        assertArrayEquals(a, b, 1e-9);
        assertEquals(7.26, a[0], 0.01);
    }

    @Test
    void int16WithNodata() {
        PixelFunction f = (x, y, b) -> (x + y) % 7 == 0 ? -9999 : (x - 50) * (y - 20) - 100;
        Path p = write("int16.tif", 120, 90, 2, DataType.INT16,
                Georeference.of(Rasters.crs(32633), new Affine(400000, 10, 0, 5000000, 0, -10)), f, 33,
                b -> b.nodata(-9999));
        GdalInfo gi = GdalInfo.of(p);
        assertEquals("Int16", gi.bandType(1));
        assertEquals(-9999.0, gi.noData(1));
        assertEquals(-9999.0, gi.noData(2));
        assertPixelsEqual(p, 120, 90, 2, f);
        RasterInfo back = reread(p);
        assertEquals(DataType.INT16, back.dataType());
        assertEquals(-9999.0, back.nodata().get(1).orElseThrow());
        assertTrue(back.isNodata(0, -9999));
        try (GeoTiffSource src = GeoTiffSource.open(p)) {
            var nat = src.readNative(new FinalInterval(new long[] {60, 30}, new long[] {119, 89}));
            assertInstanceOf(net.imglib2.type.numeric.integer.ShortType.class, nat.getType());
            var c = nat.localizingCursor();
            while (c.hasNext()) {
                double v = c.next().getRealDouble();
                assertEquals(f.value(c.getIntPosition(0), c.getIntPosition(1), c.getIntPosition(2)), v, 0.0);
            }
        }
    }

    /** As GDAL: a nodata value the type cannot hold is kept as metadata and matches no pixel; NaN samples become 0. */
    @Test
    void nodataTheTypeCannotHoldIsKeptAsGdalKeepsIt() {
        PixelFunction f = (x, y, b) -> x == y ? Double.NaN : (x * 3 + y + b * 50) % 256;
        double[] values = {-1, 300, 2.5, Double.NaN};
        for (double nd : values) {
            Path p = write("uint8-" + nd + ".tif", 40, 30, 2, DataType.UINT8, Georeference.NONE, f, 16, b -> b.nodata(nd));
            GdalInfo gi = GdalInfo.of(p);
            assertEquals(0, Double.compare(nd, gi.noData(1)), "GDAL reads nodata " + nd + ": " + gi.noData(1));
            double[][] gdal = Gdal.pixels(p);
            for (int y = 0; y < 30; y++)
                for (int x = 0; x < 40; x++) assertEquals(x == y ? 0 : f.value(x, y, 1), gdal[1][y * 40 + x], 0.0);
            RasterInfo back = reread(p);
            assertEquals(0, Double.compare(nd, back.nodata().get(1).orElseThrow()));
            for (int v = 0; v < 256; v++) assertFalse(back.isNodata(1, v), "nodata " + nd + " matches no uint8 value");
        }
        assertFalse(DataType.UINT8.holds(-1));
        assertFalse(DataType.INT16.holds(2.5));
        assertFalse(DataType.INT32.holds(Double.NaN));
        assertTrue(DataType.UINT16.holds(65535));
        assertFalse(DataType.FLOAT32.holds(1e40));
        assertFalse(DataType.FLOAT32.holds(0.1));
        assertTrue(DataType.FLOAT32.holds(Double.NaN));
        assertTrue(DataType.FLOAT64.holds(0.1));
    }

    @Test
    void float32WithNanNodata() {
        PixelFunction f = (x, y, b) -> x == y ? Double.NaN : Math.sin(x * 0.1) * 1e3 + y * 1e-3;
        Path p = write("float.tif", 80, 70, 1, DataType.FLOAT32,
                Georeference.of(Rasters.crs(3857), new Affine(0, 30, 0, 0, 0, -30)), f, 70, b -> b.nodata(Double.NaN));
        GdalInfo gi = GdalInfo.of(p);
        assertEquals("Float32", gi.bandType(1));
        assertTrue(Double.isNaN(gi.noData(1)), "GDAL reads nodata nan");
        double[][] gdal = Gdal.pixels(p);
        for (int y = 0; y < 70; y++)
            for (int x = 0; x < 80; x++) {
                double want = (float) f.value(x, y, 0);
                if (x == y) assertTrue(Double.isNaN(gdal[0][y * 80 + x]));
                else assertEquals(want, gdal[0][y * 80 + x], 0.0);
            }
        RasterInfo back = reread(p);
        assertTrue(Double.isNaN(back.nodata().get(0).orElseThrow()));
        try (GeoTiffSource src = GeoTiffSource.open(p)) {
            RandomAccessibleInterval<FloatType> px = src.read(new FinalInterval(new long[] {5, 5}, new long[] {6, 5}));
            var ra = px.randomAccess();
            ra.setPosition(new long[] {5, 5, 0});
            assertTrue(Float.isNaN(ra.get().get()));
            ra.setPosition(new long[] {6, 5, 0});
            assertEquals((float) f.value(6, 5, 0), ra.get().get(), 0f);
        }
    }

    @Test
    void noCrsAtAllStaysAPlainImage() {
        Path p = write("plain.tif", 50, 40, 1, DataType.UINT8, Georeference.NONE, (x, y, b) -> x ^ y, 40);
        GdalInfo gi = GdalInfo.of(p);
        assertEquals("", gi.wkt(), "no CRS");
        assertNull(gi.geoTransform(), "no transform");
        RasterInfo back = reread(p);
        assertTrue(back.georeference().isEmpty(), "nothing invented: " + back.georeference());
        assertPixelsEqual(p, 50, 40, 1, (x, y, b) -> x ^ y);
    }

    @Test
    void gridWithoutCrsKeepsItsTransformOnly() {
        Affine grid = new Affine(100, 1, 0, 200, 0, -1);
        Path p = write("nocrs.tif", 20, 20, 1, DataType.UINT8, new Georeference(Optional.empty(), Optional.of(grid)),
                (x, y, b) -> 1, 20);
        assertArrayEquals(grid.toGdal(), GdalInfo.of(p).geoTransform(), 0.0);
        assertEquals("", GdalInfo.of(p).wkt());
        RasterInfo back = reread(p);
        assertTrue(back.georeference().crs().isEmpty());
        assertEquals(grid, back.georeference().transform().orElseThrow());
    }

    @Test
    void sixBandsReadTheSameStripedTiledAndPlanar() {
        PixelFunction f = (x, y, b) -> (x * 7 + y * 13 + b * 1000) % 65536;
        List<String> names = List.of("coastal", "blue", "green", "red", "nir", "swir & <more>");
        Path tiled = write("six.tif", 333, 277, 6, DataType.UINT16,
                Georeference.of(Rasters.crs(31985), new Affine(288776.25, 28.5, 0, 9120760.75, 0, -28.5)), f, 50,
                b -> b.bandDescriptions(names).nodata(0));
        Path striped = tmp.resolve("six-striped.tif");
        Path planar = tmp.resolve("six-planar.tif");
        Path lzw = tmp.resolve("six-lzw.tif");
        Gdal.translate(tiled, striped, "-co", "TILED=NO", "-co", "COMPRESS=DEFLATE", "-co", "BLOCKYSIZE=5");
        Gdal.translate(tiled, planar, "-co", "TILED=YES", "-co", "INTERLEAVE=BAND", "-co", "BLOCKXSIZE=64", "-co", "BLOCKYSIZE=32");
        Gdal.translate(tiled, lzw, "-co", "COMPRESS=LZW", "-co", "PREDICTOR=2");
        assertArrayEquals(new int[] {333, 5}, GdalInfo.of(striped).block(1));
        assertEquals("BAND", GdalInfo.of(planar).imageStructure("INTERLEAVE"));
        GdalInfo gi = GdalInfo.of(tiled);
        for (int b = 1; b <= 6; b++) assertEquals(names.get(b - 1), gi.description(b));
        assertPixelsEqual(tiled, 333, 277, 6, f);
        double[][] want = TestImages.expected(333, 277, 6, f);
        for (Path p : List.of(tiled, striped, planar, lzw)) {
            try (GeoTiffSource src = GeoTiffSource.open(p)) {
                assertEquals(p == striped || p == lzw, !src.isTiled(), p.toString());
                RasterInfo info = src.info();
                assertEquals(6, info.bandCount());
                assertEquals(DataType.UINT16, info.dataType());
                assertEquals(names, info.bandDescriptions(), p.toString());
                assertEquals(0.0, info.nodata().get(5).orElseThrow());
                assertEquals(31985, info.georeference().crs().orElseThrow().epsg().orElseThrow());
                // an unaligned window of three bands, and the whole image
                assertWindow(src, want, 333, 101, 37, 150, 60, 5, 0, 3);
                assertWindow(src, want, 333, 0, 0, 333, 277, 0, 1, 2, 3, 4, 5);
                var nat = src.readNative(new FinalInterval(new long[] {7, 9}, new long[] {300, 200}), 4, 1);
                assertInstanceOf(net.imglib2.type.numeric.integer.UnsignedShortType.class, nat.getType());
                var c = nat.localizingCursor();
                while (c.hasNext()) {
                    double v = c.next().getRealDouble();
                    int x = c.getIntPosition(0), y = c.getIntPosition(1), i = c.getIntPosition(2);
                    assertEquals(want[i == 0 ? 4 : 1][y * 333 + x], v, 0.0);
                }
            }
        }
    }

    @Test
    void palettedLabels() {
        int[] palette = {0x000000, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00};
        Path p = write("labels.tif", 100, 100, 1, DataType.UINT8, Georeference.of(Rasters.crs(32633),
                new Affine(0, 1, 0, 100, 0, -1)), (x, y, b) -> (x / 20 + y / 20) % 5, 100,
                b -> b.palette(palette).nodata(255));
        GdalInfo gi = GdalInfo.of(p);
        assertEquals("Palette", gi.colorInterpretation(1));
        assertArrayEquals(new int[] {255, 0, 0, 255}, gi.colorTableEntry(1, 1));
        assertArrayEquals(new int[] {255, 255, 0, 255}, gi.colorTableEntry(1, 4));
        assertEquals(255.0, gi.noData(1));
        try (GeoTiffSource src = GeoTiffSource.open(p)) {
            assertEquals(0xFF0000, src.palette().orElseThrow()[1]);
            assertEquals(0x0000FF, src.palette().orElseThrow()[3]);
        }
        assertPixelsEqual(p, 100, 100, 1, (x, y, b) -> (x / 20 + y / 20) % 5);
    }

    @Test
    void forcedBigTiffIsReadByGdalAndByTheSource() throws Exception {
        PixelFunction f = (x, y, b) -> (x * y + b) % 251;
        Path p = write("big.tif", 300, 260, 2, DataType.UINT8,
                Georeference.of(Rasters.crs(32633), new Affine(1000, 2, 0, 2000, 0, -2)), f, 99, b -> b.forceBigTiff(true));
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(p), 4);
        assertArrayEquals(new byte[] {'I', 'I', 43, 0}, head, "BigTIFF signature");
        assertEquals(32633, GdalInfo.of(p).epsg());
        assertPixelsEqual(p, 300, 260, 2, f);
        try (GeoTiffSource src = GeoTiffSource.open(p)) {
            assertTrue(src.isBigTiff());
            assertWindow(src, TestImages.expected(300, 260, 2, f), 300, 250, 250, 50, 10, 0, 1);
        }
    }

    @Test
    void sameInputGivesByteIdenticalFiles() throws Exception {
        PixelFunction f = (x, y, b) -> Math.cos(x * 0.05) * y;
        Georeference g = Georeference.of(Rasters.crsFromWkt(CUSTOM_TM), new Affine(1, 2, 0.1, 3, 0.2, -2));
        Path a = write("a.tif", 170, 150, 2, DataType.FLOAT32, g, f, 64, b -> b.bandDescriptions(List.of("x", "y")).nodata(-1));
        Path b = write("b.tif", 170, 150, 2, DataType.FLOAT32, g, f, 17, bb -> bb.bandDescriptions(List.of("x", "y")).nodata(-1));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "deterministic, whatever the row chunks");
    }

    @Test
    void floatsAreRoundedAndClampedIntoIntegerTypes() {
        double[] values = {-3.7, -0.5, 0.49, 0.5, 1.5, 254.5, 255.4, 300, Double.NaN};
        Path p = write("round.tif", values.length, 1, 1, DataType.UINT8, Georeference.NONE, (x, y, b) -> values[x], 1,
                b -> b.nodata(7));
        assertArrayEquals(new double[] {0, 0, 0, 1, 2, 255, 255, 255, 7}, Gdal.pixels(p)[0], 0.0);
        Path s = write("round16.tif", values.length, 1, 1, DataType.INT16, Georeference.NONE,
                (x, y, b) -> values[x] * 200, 1);
        assertArrayEquals(new double[] {-740, -100, 98, 100, 300, 32767, 32767, 32767, 0}, Gdal.pixels(s)[0], 0.0);
    }

    @Test
    void exactTypesRoundTripInTheirOwnType() {
        PixelFunction f = (x, y, b) -> b == 0 ? 3_000_000_000.0 + x * 1001 + y : -2_000_000_000.0 + x;
        Path u = write("u32.tif", 30, 20, 2, DataType.UINT32, Georeference.NONE, (x, y, b) -> f.value(x, y, 0), 20);
        Path d = write("f64.tif", 30, 20, 1, DataType.FLOAT64, Georeference.NONE, (x, y, b) -> Math.PI * x + 1e-12 * y, 20);
        assertPixelsEqual(u, 30, 20, 2, (x, y, b) -> f.value(x, y, 0));
        try (GeoTiffSource a = GeoTiffSource.open(u); GeoTiffSource b = GeoTiffSource.open(d)) {
            assertEquals(DataType.UINT32, a.info().dataType());
            var da = a.readNative(new FinalInterval(30, 20), 1);
            assertInstanceOf(UnsignedIntType.class, da.getType());
            var ra = da.randomAccess();
            ra.setPosition(new long[] {29, 19, 0});
            assertEquals(f.value(29, 19, 0), ra.get().getRealDouble(), 0.0);
            var db = b.readNative(new FinalInterval(30, 20));
            var rb = db.randomAccess();
            rb.setPosition(new long[] {29, 19, 0});
            assertEquals(Math.PI * 29 + 1e-12 * 19, rb.get().getRealDouble(), 0.0);
        }
    }

    @Test
    void bulkTypedAndGeneralWritePathsGiveIdenticalBytes() throws Exception {
        int w = 150, h = 70;
        for (DataType type : List.of(DataType.UINT8, DataType.INT16, DataType.UINT16, DataType.FLOAT32)) {
            for (int bands : new int[] {1, 3}) {
                PixelFunction f = (x, y, b) -> type == DataType.FLOAT32 ? x * 0.25 - y * b
                        : type == DataType.INT16 ? (x - 75) * (y + 1) * (b + 1) : (x * 3 + y * 5 + b * 40) % 256;
                Path general = write(type + "-" + bands + "-general.tif", w, h, bands, type, Georeference.NONE, f, 25);
                Path bulk = tmp.resolve(type + "-" + bands + "-bulk.tif");
                Path typed = tmp.resolve(type + "-" + bands + "-typed.tif");
                for (Path out : List.of(bulk, typed)) {
                    try (GeoTiffSink sink = GeoTiffSink.builder(out, w, h, bands, type).tileSize(64).build()) {
                        for (int y0 = 0; y0 < h; y0 += 25) {
                            int rows = Math.min(25, h - y0);
                            // a block of the file's own type; the typed path gets a sub-view (no whole array behind it)
                            var block = nativeBlock(type, w, out == typed ? rows + 1 : rows, bands, y0, f);
                            sink.write(out == bulk ? block : Views.interval(block, new long[] {0, y0, 0},
                                    new long[] {w - 1, y0 + rows - 1, bands - 1}));
                        }
                        sink.commit();
                    }
                    assertArrayEquals(Files.readAllBytes(general), Files.readAllBytes(out), type + " " + bands + " " + out);
                }
            }
        }
    }

    private static RandomAccessibleInterval<? extends net.imglib2.type.numeric.RealType<?>> nativeBlock(
            DataType type, int w, int rows, int bands, int y0, PixelFunction f) {
        int n = w * rows * bands;
        RandomAccessibleInterval<? extends net.imglib2.type.numeric.RealType<?>> img = switch (type) {
            case UINT8 -> net.imglib2.img.array.ArrayImgs.unsignedBytes(w, rows, bands);
            case INT16 -> net.imglib2.img.array.ArrayImgs.shorts(w, rows, bands);
            case UINT16 -> net.imglib2.img.array.ArrayImgs.unsignedShorts(w, rows, bands);
            default -> net.imglib2.img.array.ArrayImgs.floats(w, rows, bands);
        };
        var c = Views.flatIterable(img).localizingCursor();
        while (c.hasNext()) {
            var v = c.next();
            v.setReal(f.value(c.getIntPosition(0), y0 + c.getIntPosition(1), c.getIntPosition(2)));
        }
        assertEquals(n, Views.flatIterable(img).size());
        return Views.translate(img, 0, y0, 0);
    }

    // --- helpers ---

    interface Options {
        GeoTiffSink.Builder apply(GeoTiffSink.Builder b);
    }

    private Path write(String name, int w, int h, int bands, DataType type, Georeference g, PixelFunction f, int chunk) {
        return write(name, w, h, bands, type, g, f, chunk, b -> b);
    }

    private Path write(String name, int w, int h, int bands, DataType type, Georeference g, PixelFunction f, int chunk,
                       Options options) {
        Path p = tmp.resolve(name);
        GeoTiffSink.Builder b = GeoTiffSink.builder(p, w, h, bands, type).georeference(g).tileSize(64);
        try (GeoTiffSink sink = options.apply(b).build()) {
            TestImages.stream(sink, w, h, bands, chunk, f);
            sink.commit();
        }
        assertTrue(Files.exists(p));
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(q -> q.getFileName().toString().endsWith(".part")), "no temporary file left");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return p;
    }

    private static RasterInfo reread(Path p) {
        try (GeoTiffSource src = GeoTiffSource.open(p)) {
            return src.info();
        }
    }

    /** GDAL decodes exactly the expected values (converted to the file's type). */
    private static void assertPixelsEqual(Path p, int w, int h, int bands, PixelFunction f) {
        double[][] gdal = Gdal.pixels(p);
        assertEquals(bands, gdal.length);
        double[][] want = TestImages.expected(w, h, bands, f);
        for (int b = 0; b < bands; b++) assertArrayEquals(want[b], gdal[b], 0.0, "band " + (b + 1) + " as GDAL decodes it");
    }

    private static void assertWindow(GeoTiffSource src, double[][] want, int width, int x0, int y0, int w, int h, int... bands) {
        RandomAccessibleInterval<FloatType> win = src.read(new FinalInterval(new long[] {x0, y0}, new long[] {x0 + w - 1, y0 + h - 1}), bands);
        var c = win.localizingCursor();
        while (c.hasNext()) {
            float v = c.next().get();
            int x = c.getIntPosition(0), y = c.getIntPosition(1), i = c.getIntPosition(2);
            assertEquals(want[bands[i]][y * width + x], v, 0.0, src.file() + " band " + bands[i] + " at " + x + "," + y);
        }
    }
}
