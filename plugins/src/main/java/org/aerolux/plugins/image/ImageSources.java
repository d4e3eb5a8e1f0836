package org.aerolux.plugins.image;

import ij.ImagePlus;
import java.awt.Rectangle;
import java.util.List;
import java.util.OptionalDouble;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;
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

    /**
     * The pixels of {@code window} (image pixels) of {@code imp} as a source of the window's size, georeferenced
     * as the window: the image's grid shifted by the window's offset.
     */
    public static RasterSource of(ImagePlus imp, Rectangle window) {
        if (window.x == 0 && window.y == 0 && window.width == imp.getWidth() && window.height == imp.getHeight()) return of(imp);
        Georeference g = ImageGeoreference.of(imp).shifted(window.x, window.y);
        List<OptionalDouble> nodata = ImageGeoreference.nodata(imp, ImageBands.count(imp));
        return ImagePixels.wrap(imp, new ImagePixels.Visitor<RasterSource>() {
            @Override
            public <T extends RealType<T>> RasterSource visit(RandomAccessibleInterval<T> image, DataType type) {
                long[] min = {window.x, window.y, image.min(2)}, max = {window.x + window.width - 1L, window.y + window.height - 1L, image.max(2)};
                return new ImgRasterSource<>(Views.zeroMin(Views.interval(image, min, max)), g, nodata);
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
