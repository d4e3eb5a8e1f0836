package org.aerolux.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.imglib2.FinalInterval;
import org.aerolux.core.AeroLuxException;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.core.raster.Rasters;

/**
 * The TIFF/GeoTIFF reader (and the PNG/JPEG one behind {@link Rasters#open}) on arbitrary bytes: open, read the
 * facts, decode a corner window of every band and the last pixel. The only acceptable failure is a typed
 * {@link AeroLuxException}; anything else (a runtime exception, an error, a hang) is a finding.
 * Seeds: TiffReaderFuzzTestInputs/tiff (bench/fuzz-seeds.sh: small synthetic GeoTIFFs written by GDAL in many layouts, a
 * PNG and a JPEG, broken variants; finding_* are crash inputs kept by hand).
 */
public class TiffReaderFuzzTest {
    private static final Path FILE = scratch();

    private static Path scratch() {
        try {
            Path dir = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
            Path f = Files.createTempFile(dir, "aerolux-fuzz-", ".tif");
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void tiff(byte[] data) throws IOException {
        fuzzerTestOneInput(data);
    }

    /** The target, also for Jazzer's own driver (bench/fuzz.sh). */
    public static void fuzzerTestOneInput(byte[] data) throws IOException {
        Files.write(FILE, data);
        try (RasterSource source = Rasters.open(FILE)) {
            RasterInfo info = source.info();
            int[] bands = new int[info.bandCount()];
            for (int b = 0; b < bands.length; b++) bands[b] = b;
            long w = Math.min(info.width(), 16), h = Math.min(info.height(), 16);
            source.read(new FinalInterval(w, h), bands);
            long x = info.width() - 1, y = info.height() - 1;
            source.read(new FinalInterval(new long[] {x, y}, new long[] {x, y}), 0);
            info.georeference().toString();
        } catch (AeroLuxException expected) {
            // a bad file, said in one line: the only acceptable failure
        }
    }
}
