package org.aerolux.plugins.image;

import ij.ImagePlus;
import ij.ImageStack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.stream.IntStream;
import net.imglib2.FinalInterval;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.GeoTiffSource;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.core.raster.Rasters;

/**
 * Reads a GeoTIFF into a new ImagePlus: one slice per band (labelled with the band description, else "band N"),
 * uint8 as 8-bit, uint16 as 16-bit, every other type as 32-bit float (the file's type is remembered, so an
 * export writes it again). Red, green and blue bands (RGB and RGB + NIR files) open as a colour composite
 * ({@link ColourComposite}). The georeferencing, nodata and band names go with the image ({@link ImageGeoreference}).
 */
public final class GeoTiffImport {
    /** Property: the file the image was read from (an export never overwrites it). */
    public static final String SOURCE = ImageGeoreference.PREFIX + "Source";
    /** Property: the file's data type (GDAL name). */
    public static final String DATA_TYPE = ImageGeoreference.PREFIX + "DataType";
    private static final long STRIP_SAMPLES = 1 << 22;

    private GeoTiffImport() {}

    /** The ImageJ type a raster type is held in. */
    public static DataType imageJType(DataType fileType) {
        return switch (fileType) {
            case UINT8 -> DataType.UINT8;
            case UINT16 -> DataType.UINT16;
            default -> DataType.FLOAT32;
        };
    }

    /**
     * @param progress receives the fraction read, 0 to 1
     * @throws org.aerolux.core.BadInputException naming the file when it cannot be read
     */
    public static ImagePlus read(Path file, DoubleConsumer progress) {
        try (RasterSource source = Rasters.open(file)) {
            RasterInfo info = source.info();
            int w = info.width(), h = info.height(), bands = info.bandCount();
            int[] all = IntStream.range(0, bands).toArray();
            int strip = (int) Math.max(1, Math.min(h, STRIP_SAMPLES / ((long) w * bands)));
            ImagePlus imp;
            try (ImageSink sink = new ImageSink(w, h, bands, imageJType(info.dataType()))) {
                for (int y = 0; y < h; y += strip) {
                    int y1 = Math.min(h, y + strip) - 1;
                    sink.write(source.read(new FinalInterval(new long[] {0, y}, new long[] {w - 1, y1}), all));
                    progress.accept((y1 + 1) / (double) h);
                }
                sink.commit();
                imp = sink.image(file.getFileName().toString());
            }
            List<String> names = new ArrayList<>();
            ImageStack stack = imp.getStack();
            for (int b = 0; b < bands; b++) {
                String d = info.bandDescriptions().get(b);
                names.add(d);
                stack.setSliceLabel(d.isBlank() ? "band " + (b + 1) : d, b + 1);
            }
            imp.setStack(stack);
            if (imp.getBitDepth() != 8) imp.resetDisplayRange();
            imp = ColourComposite.of(imp, names, source instanceof GeoTiffSource g && g.isRgb());
            ImageGeoreference.attach(imp, info.georeference(), info.nodata(), names);
            imp.setProp(SOURCE, file.toAbsolutePath().normalize().toString());
            imp.setProp(DATA_TYPE, info.dataType().gdalName());
            return imp;
        }
    }
}
