package org.aerolux.plugins.image;

import ij.ImagePlus;
import ij.process.LUT;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.DoubleConsumer;
import java.util.stream.IntStream;
import net.imglib2.FinalInterval;
import org.aerolux.core.UsageException;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.GeoTiffSink;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;

/**
 * Writes an ImagePlus as a tiled, Deflate GeoTIFF through core's {@link GeoTiffSink}, with the georeferencing it
 * carries ({@link ImageGeoreference}, shifted after crops), its nodata and band names. The data type is the
 * image's (8-bit uint8, 16-bit uint16, 32-bit float32), except that a 32-bit image imported from a file of
 * another type (int16, int32, ...) is written in that type again (rounded and clamped by the sink). A single
 * 8-bit band with a colour LUT gets it as the GeoTIFF palette; an RGB image becomes three uint8 bands marked RGB.
 */
public final class GeoTiffExport {
    private static final long STRIP_SAMPLES = 1 << 22;

    private GeoTiffExport() {}

    /**
     * @param progress receives the fraction written, 0 to 1
     * @throws UsageException when the target is the file the image came from, or cannot be written
     */
    public static void write(ImagePlus imp, Path target, DoubleConsumer progress) {
        String source = imp.getProp(GeoTiffImport.SOURCE);
        if (source != null && Path.of(source).equals(target.toAbsolutePath().normalize()))
            throw new UsageException(target, "refusing to overwrite the file image '" + imp.getTitle() + "' was imported from;"
                    + " choose another name");
        RasterInfo info = ImageSources.info(imp);
        DataType type = fileType(imp, info.dataType());
        GeoTiffSink.Builder b = GeoTiffSink.builder(target, info.width(), info.height(), info.bandCount(), type)
                .georeference(info.georeference()).bandDescriptions(info.bandDescriptions());
        info.nodata().stream().filter(java.util.OptionalDouble::isPresent).findFirst().ifPresent(nd -> b.nodata(nd.getAsDouble()));
        if (imp.getBitDepth() == 24) b.rgb(true);
        int[] palette = palette(imp);
        if (palette != null && info.bandCount() == 1 && type == DataType.UINT8) b.palette(palette);
        int w = info.width(), h = info.height();
        int[] all = IntStream.range(0, info.bandCount()).toArray();
        int strip = (int) Math.max(1, Math.min(h, STRIP_SAMPLES / ((long) w * info.bandCount())));
        try (RasterSource src = ImageSources.of(imp); GeoTiffSink sink = b.build()) {
            for (int y = 0; y < h; y += strip) {
                int y1 = Math.min(h, y + strip) - 1;
                sink.write(src.read(new FinalInterval(new long[] {0, y}, new long[] {w - 1, y1}), all));
                progress.accept((y1 + 1) / (double) h);
            }
            sink.commit();
        }
    }

    /** The type of the file: the imported file's type for a 32-bit image that was converted on import. */
    static DataType fileType(ImagePlus imp, DataType imageType) {
        String original = imp.getProp(GeoTiffImport.DATA_TYPE);
        if (original == null || imageType != DataType.FLOAT32) return imageType;
        return Arrays.stream(DataType.values()).filter(t -> t.gdalName().equals(original.trim()))
                .filter(t -> GeoTiffImport.imageJType(t) == DataType.FLOAT32).findFirst().orElse(imageType);
    }

    /** The LUT of a single 8-bit image as 256 RGB entries, or null for a grey (or inverted grey) LUT. */
    static int[] palette(ImagePlus imp) {
        if (imp.getBitDepth() != 8 || imp.isComposite()) return null;
        LUT lut = imp.getProcessor().getLut();
        if (lut == null || lut.getMapSize() != 256) return null;
        int[] p = new int[256];
        boolean grey = true;
        for (int i = 0; i < 256; i++) {
            int r = lut.getRed(i), g = lut.getGreen(i), bl = lut.getBlue(i);
            if (r != g || g != bl) grey = false;
            p[i] = (r << 16) | (g << 8) | bl;
        }
        return grey ? null : p;
    }
}
