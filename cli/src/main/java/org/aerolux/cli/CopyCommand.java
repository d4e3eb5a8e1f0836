package org.aerolux.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.aerolux.core.raster.GeoTiffSink;
import org.aerolux.core.raster.GeoTiffSource;
import org.aerolux.core.raster.RasterCopy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code aerolux copy IN.tif OUT.tif}: a streaming rewrite as a tiled, Deflate GeoTIFF. */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = "Rewrite a GeoTIFF as a tiled, Deflate-compressed GeoTIFF with identical georeferencing,"
                + " nodata, band descriptions and pixels, streaming in bounded memory.")
final class CopyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN.tif", description = "the GeoTIFF or TIFF to read")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT.tif", description = "the file to write (replaced if it exists,"
            + " never when it is the input)")
    Path output;

    @Override
    public Integer call() {
        try (GeoTiffSource src = GeoTiffSource.open(input)) {
            GeoTiffSink.Builder b = GeoTiffSink.builder(output, src.info()).rgb(src.isRgb() && src.info().bandCount() >= 3);
            src.palette().filter(p -> src.info().bandCount() == 1).ifPresent(b::palette);
            try (GeoTiffSink sink = b.build()) {
                RasterCopy.copy(src, sink);
                sink.commit();
            }
        }
        return 0;
    }
}
