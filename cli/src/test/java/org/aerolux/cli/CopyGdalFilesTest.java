package org.aerolux.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.aerolux.core.testing.Gdal;
import org.aerolux.core.testing.GdalInfo;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aerolux copy} on GeoTIFFs written by GDAL with the options that used to be misread, refused or lost (see
 * core's GdalParityMatrixTest for the full matrix): the output must carry GDAL's pixels, nodata and CRS as GDAL
 * reads the input; a file that stays unsupported must exit 3 with one line naming it and its compression and leave
 * nothing behind.
 */
class CopyGdalFilesTest {
    @TempDir
    Path tmp;

    /** Writes a variant of the Landsat file with gdal_translate. */
    private Path gdal(String name, String... options) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in")).resolve(name);
        Gdal.translate(SharedData.landsat(), in, options);
        return in;
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void copiesGiveGdalsPixelsNodataAndCrs() throws Exception {
        Path nodataMinusOne = gdal("nodata-1.tif", "-b", "1", "-b", "2", "-co", "COMPRESS=DEFLATE");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import sys; from osgeo import gdal; ds = gdal.Open(sys.argv[1], 1);"
                + " [ds.GetRasterBand(b + 1).SetNoDataValue(-1) for b in range(ds.RasterCount)]; ds = None",
                nodataMinusOne.toString()).inheritIO().start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "GDAL's Python bindings set nodata -1");
        List<Path> inputs = List.of(
                gdal("lzw-p2-strips.tif", "-b", "3", "-b", "2", "-b", "1", "-co", "COMPRESS=LZW", "-co", "PREDICTOR=2", "-co", "BLOCKYSIZE=8"),
                gdal("zstd-p3-float.tif", "-ot", "Float32", "-scale", "0", "255", "-50.5", "80.25", "-co", "COMPRESS=ZSTD",
                        "-co", "PREDICTOR=3", "-co", "TILED=YES", "-co", "BLOCKXSIZE=128", "-co", "BLOCKYSIZE=128"),
                gdal("ycbcr-jpeg.tif", "-b", "3", "-b", "2", "-b", "1", "-co", "COMPRESS=JPEG", "-co", "PHOTOMETRIC=YCBCR", "-co", "TILED=YES"),
                gdal("rgba-jpeg.tif", "-b", "3", "-b", "2", "-b", "1", "-b", "4", "-co", "COMPRESS=JPEG", "-co", "ALPHA=YES",
                        "-co", "PHOTOMETRIC=RGB", "-co", "BLOCKYSIZE=16"),
                gdal("band-one-tile.tif", "-b", "1", "-b", "2", "-b", "3", "-co", "INTERLEAVE=BAND", "-co", "TILED=YES",
                        "-co", "BLOCKXSIZE=512", "-co", "BLOCKYSIZE=512"),
                gdal("engcrs.tif", "-b", "1", "-a_srs", "ENGCRS[\"Cartesian (Meter)\",EDATUM[\"Unknown engineering datum\"],"
                        + "CS[Cartesian,2],AXIS[\"easting\",east,ORDER[1],LENGTHUNIT[\"metre\",1]],"
                        + "AXIS[\"northing\",north,ORDER[2],LENGTHUNIT[\"metre\",1]]]", "-a_ullr", "0", "352", "349", "0"),
                nodataMinusOne);
        for (Path in : inputs) {
            Path out = tmp.resolve("out").resolve(in.getFileName());
            Files.createDirectories(out.getParent());
            CliRun.Result r = CliRun.run("copy", in.toString(), out.toString());
            assertEquals(0, r.code(), in.getFileName() + ": " + r.all());
            GdalInfo gi = GdalInfo.of(in), go = GdalInfo.of(out);
            assertEquals(gi.bandCount(), go.bandCount());
            assertEquals(gi.bandType(1), go.bandType(1));
            assertEquals(gi.wkt(), go.wkt(), in.getFileName() + ": CRS");
            assertArrayEquals(gi.geoTransform(), go.geoTransform(), 0.0);
            for (int b = 1; b <= gi.bandCount(); b++) assertEquals(gi.noData(b), go.noData(b), in.getFileName() + ": nodata");
            double[][] want = Gdal.pixels(in), got = Gdal.pixels(out);
            double tolerance = in.getFileName().toString().contains("jpeg") ? 1 : 0; // two JPEG decoders
            for (int b = 0; b < want.length; b++)
                for (int i = 0; i < want[b].length; i++)
                    if (!(Math.abs(want[b][i] - got[b][i]) <= tolerance || Double.isNaN(want[b][i]) && Double.isNaN(got[b][i])))
                        fail(in.getFileName() + ": band " + (b + 1) + " pixel " + i + " is " + got[b][i] + ", GDAL reads " + want[b][i]);
        }
        assertEquals(-1.0, GdalInfo.of(tmp.resolve("out/nodata-1.tif")).noData(1), "nodata -1 on Byte kept as GDAL keeps it");
        assertTrue(GdalInfo.of(tmp.resolve("out/engcrs.tif")).wkt().startsWith("ENGCRS[\"Cartesian (Meter)\""));
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void unsupportedCompressionsExitThreeInOneLineAndLeaveNothing() throws Exception {
        String[][] cases = {
                {"lerc.tif", "LERC", "-co", "COMPRESS=LERC"},
                {"webp.tif", "WebP", "-b", "3", "-b", "2", "-b", "1", "-co", "COMPRESS=WEBP"},
                {"lzma.tif", "LZMA", "-co", "COMPRESS=LZMA", "-co", "PREDICTOR=2"}};
        for (String[] c : cases) {
            Path in = gdal(c[0], java.util.Arrays.copyOfRange(c, 2, c.length));
            Path outDir = Files.createDirectories(tmp.resolve("out-" + c[0]));
            CliRun.Result r = CliRun.run("copy", in.toString(), outDir.resolve("copy.tif").toString());
            assertEquals(3, r.code(), r.all());
            assertEquals("", r.out());
            assertEquals(1, r.err().lines().count(), "one line: " + r.err());
            assertTrue(r.err().contains(in.toString()) && r.err().contains("unsupported TIFF compression " + c[1]), r.err());
            assertEquals(List.of(), CliRun.list(outDir), "nothing left behind");
        }
    }
}
