package org.aerolux.plugins.image;

import ij.ImagePlus;
import java.util.List;
import java.util.OptionalDouble;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import org.aerolux.core.image.ImgRasterSource;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;

/** An ImagePlus as a {@link RasterSource} over its own pixel arrays (no copy), with the georeferencing it carries. */
public final class ImageSources {
    private ImageSources() {}

    /** The bands of {@code imp} (see {@link ImageBands}) with its georeference and nodata. */
    public static RasterSource of(ImagePlus imp) {
        Georeference g = ImageGeoreference.of(imp);
        List<OptionalDouble> nodata = ImageGeoreference.nodata(imp, ImageBands.count(imp));
        return ImagePixels.wrap(imp, new ImagePixels.Visitor<RasterSource>() {
            @Override
            public <T extends RealType<T>> RasterSource visit(RandomAccessibleInterval<T> image, DataType type) {
                return new ImgRasterSource<>(image, g, nodata);
            }
        });
    }

    /** What {@link #of} would report, with the band names (for writing the image as a GeoTIFF). */
    public static RasterInfo info(ImagePlus imp) {
        int bands = ImageBands.count(imp);
        DataType type = switch (imp.getBitDepth()) {
            case 16 -> DataType.UINT16;
            case 32 -> DataType.FLOAT32;
            default -> DataType.UINT8;
        };
        return new RasterInfo(imp.getWidth(), imp.getHeight(), bands, type, ImageGeoreference.of(imp),
                ImageGeoreference.nodata(imp, bands), ImageGeoreference.bandNames(imp, bands));
    }
}
