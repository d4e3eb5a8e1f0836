package org.aerolux.core.image;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.aerolux.core.BadInputException;
import org.aerolux.core.ExitCode;
import org.aerolux.core.UsageException;
import org.aerolux.core.io.AtomicOutput;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.GeoTiffSource;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.core.raster.Rasters;
import org.aerolux.core.testing.Gdal;
import org.aerolux.core.testing.GdalInfo;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PNG and JPEG through javax.imageio, checked against GDAL's own PNG and JPEG drivers (an independent decoder). */
class PlainImageTest {
    @TempDir
    Path tmp;

    @Test
    void rgbPngReadsAsGdalReadsIt() {
        Path png = SharedData.natural("astronaut.png");
        try (RasterSource src = Rasters.open(png)) {
            assertInstanceOf(PlainImageSource.class, src);
            assertEquals(512, src.info().width());
            assertEquals(3, src.info().bandCount());
            assertEquals(DataType.UINT8, src.info().dataType());
            assertEquals(List.of("red", "green", "blue"), src.info().bandDescriptions());
            assertTrue(src.info().georeference().isEmpty());
            assertEquals(0, maxDifference(Gdal.pixels(png), all(src)));
        }
    }

    @Test
    void greyPngIsOneBand() {
        Path png = SharedData.natural("gravel.png");
        try (PlainImageSource src = PlainImageSource.open(png)) {
            assertEquals(1, src.info().bandCount());
            assertEquals(List.of("gray"), src.info().bandDescriptions());
            assertEquals(0, maxDifference(Gdal.pixels(png), all(src)));
        }
    }

    @Test
    void jpegReadsAsGdalReadsItWithoutColourManagement() {
        Path jpg = SharedData.natural("rocket.jpg");
        try (PlainImageSource src = PlainImageSource.open(jpg)) {
            assertEquals(PlainImageSource.Format.JPEG, src.format());
            assertEquals(640, src.info().width());
            assertEquals(427, src.info().height());
            assertEquals(3, src.info().bandCount());
            // rocket.jpg embeds an ICC profile: Java would convert it to sRGB by default; the samples as stored are
            // what GDAL (and PIL, which trained the model) return
            assertEquals(0, maxDifference(Gdal.pixels(jpg), all(src)));
        }
    }

    @Test
    void sixteenBitPngRoundTripsExactly() {
        Path png = tmp.resolve("deep.png");
        int w = 37, h = 23;
        try (PngRasterSink sink = PngRasterSink.create(png, w, h, 3, DataType.UINT16)) {
            sink.write(block(w, h, 3, (x, y, b) -> (x * 1777 + y * 911 + b * 20011) % 65536));
            sink.commit();
        }
        GdalInfo gi = GdalInfo.of(png);
        assertEquals("UInt16", gi.bandType(1));
        double[][] gdal = Gdal.pixels(png);
        assertEquals(65535.0 - (65535 - ((36 * 1777 + 22 * 911 + 2 * 20011) % 65536)), gdal[2][22 * w + 36]);
        try (PlainImageSource src = PlainImageSource.open(png)) {
            assertEquals(DataType.UINT16, src.info().dataType());
            assertEquals(0, maxDifference(gdal, all(src)));
        }
    }

    @Test
    void alphaBandsAreNamed() {
        Path ga = tmp.resolve("ga.png"), rgba = tmp.resolve("rgba.png");
        try (PngRasterSink s = PngRasterSink.create(ga, 5, 4, 2, DataType.UINT8)) {
            s.write(block(5, 4, 2, (x, y, b) -> b == 0 ? x * 50 : 255 - y));
            s.commit();
        }
        try (PngRasterSink s = PngRasterSink.create(rgba, 5, 4, 4, DataType.UINT8)) {
            s.write(block(5, 4, 4, (x, y, b) -> b * 60 + x));
            s.commit();
        }
        try (PlainImageSource a = PlainImageSource.open(ga); PlainImageSource b = PlainImageSource.open(rgba)) {
            assertEquals(List.of("gray", "alpha"), a.info().bandDescriptions());
            assertEquals(List.of("red", "green", "blue", "alpha"), b.info().bandDescriptions());
            assertEquals(0, maxDifference(Gdal.pixels(ga), all(a)));
            assertEquals(0, maxDifference(Gdal.pixels(rgba), all(b)));
        }
    }

    @Test
    void palettePngIsExpandedThroughItsColourTable() throws Exception {
        Path pal = tmp.resolve("pal.png");
        magick(SharedData.natural("astronaut.png").toString(), "-colors", "16", "PNG8:" + pal);
        assertEquals("Palette", GdalInfo.of(pal).colorInterpretation(1));
        Path expanded = tmp.resolve("expanded.tif");
        Gdal.translate(pal, expanded, "-expand", "rgb");
        try (PlainImageSource src = PlainImageSource.open(pal)) {
            assertEquals(3, src.info().bandCount());
            assertEquals(0, maxDifference(Gdal.pixels(expanded), all(src)));
        }
    }

    @Test
    void badFilesGiveOneLineErrors() throws Exception {
        byte[] all = Files.readAllBytes(SharedData.natural("astronaut.png"));
        Path cut = tmp.resolve("cut.png");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 3));
        assertBad(cut, "corrupt or truncated PNG");
        Path text = Files.writeString(tmp.resolve("notes.png"), "not an image at all\n");
        assertBad(text, "unsupported format: not a GeoTIFF, TIFF, PNG or JPEG file");
        Path bmp = tmp.resolve("x.bmp");
        magick(SharedData.natural("gravel.png").toString(), "-resize", "8x8", bmp.toString());
        assertBad(bmp, "unsupported format");
        Path cmyk = tmp.resolve("cmyk.jpg");
        magick(SharedData.natural("rocket.jpg").toString(), "-resize", "32x32", "-colorspace", "CMYK", cmyk.toString());
        assertBad(cmyk, "unsupported JPEG colour space");
        assertBad(tmp.resolve("missing.png"), "file not found");
    }

    @Test
    void rastersOpenStillReadsTiffs() {
        try (RasterSource src = Rasters.open(SharedData.landsat())) {
            assertInstanceOf(GeoTiffSource.class, src);
        }
    }

    @Test
    void anOpenPngInputIsNeverOverwritten() throws Exception {
        Path png = tmp.resolve("in.png");
        Files.copy(SharedData.natural("gravel.png"), png);
        try (PlainImageSource src = PlainImageSource.open(png)) {
            assertThrows(UsageException.class, () -> AtomicOutput.create(png));
        }
        AtomicOutput.create(png).close(); // closed: no longer an input
    }

    @Test
    void pngSinkLeavesNothingWithoutCommit() throws Exception {
        Path png = tmp.resolve("never.png");
        try (PngRasterSink s = PngRasterSink.create(png, 4, 4, 1, DataType.UINT8)) {
            s.write(block(4, 2, 1, (x, y, b) -> 1));
        }
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(), files.toList());
        }
        assertThrows(IllegalArgumentException.class, () -> PngRasterSink.create(png, 4, 4, 3, DataType.FLOAT32));
    }

    static void assertBad(Path file, String problem) {
        BadInputException e = assertThrows(BadInputException.class, () -> Rasters.open(file).close());
        assertEquals(ExitCode.BAD_INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), "names the problem '" + problem + "': " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }

    interface Fn {
        double at(int x, int y, int b);
    }

    static RandomAccessibleInterval<FloatType> block(int w, int h, int bands, Fn f) {
        float[] d = new float[w * h * bands];
        int i = 0;
        for (int b = 0; b < bands; b++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) d[i++] = (float) f.at(x, y, b);
        return Views.translate(ArrayImgs.floats(d, w, h, bands), 0, 0, 0);
    }

    /** Every pixel of every band as [band][y * width + x]. */
    static double[][] all(RasterSource src) {
        int w = src.info().width(), h = src.info().height(), n = src.info().bandCount();
        int[] bands = java.util.stream.IntStream.range(0, n).toArray();
        RandomAccessibleInterval<FloatType> r = src.read(new FinalInterval(new long[] {0, 0}, new long[] {w - 1, h - 1}), bands);
        double[][] out = new double[n][w * h];
        var c = Views.flatIterable(r).cursor();
        for (int b = 0; b < n; b++) for (int i = 0; i < w * h; i++) out[b][i] = c.next().get();
        return out;
    }

    static double maxDifference(double[][] a, double[][] b) {
        assertEquals(a.length, b.length, "band count");
        double max = 0;
        for (int k = 0; k < a.length; k++) {
            assertEquals(a[k].length, b[k].length, "pixel count");
            for (int i = 0; i < a[k].length; i++) max = Math.max(max, Math.abs(a[k][i] - b[k][i]));
        }
        return max;
    }

    static void magick(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("convert"));
        cmd.addAll(List.of(args));
        org.aerolux.core.testing.Processes.Result r = org.aerolux.core.testing.Processes.run(cmd, null, java.time.Duration.ofSeconds(120));
        assertEquals(0, r.code(), "convert failed: " + r.all());
    }
}
