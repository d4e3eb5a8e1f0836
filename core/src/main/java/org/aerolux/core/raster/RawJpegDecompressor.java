package org.aerolux.core.raster;

import it.geosolutions.imageioimpl.plugins.tiff.TIFFJPEGDecompressor;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOException;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;

/**
 * imageio-ext's TIFF JPEG decoder for JPEG blocks of 2, 4 or more components, whose samples libjpeg (and so GDAL)
 * returns as stored. The Java JPEG reader's {@code read} converts colours: it takes 4 components for CMYK and
 * inverts them (GDAL's RGBA or 4-band JPEG TIFFs came back with wrong pixels) and refuses 2. Here each block is read
 * with {@code readRaster}, which skips colour conversion, and copied into the block's image. 1- and 3-component
 * blocks (grey, RGB, YCbCr) keep the library's path, which matches GDAL.
 */
final class RawJpegDecompressor extends TIFFJPEGDecompressor {
    /** True for the JPEG blocks this decoder is needed for: pixel-interleaved with 2, 4 or more samples. */
    static boolean needed(int compression, int samplesPerPixel, int planarConfiguration) {
        return compression == 7 && planarConfiguration == 1 && samplesPerPixel != 1 && samplesPerPixel != 3;
    }

    @Override
    public void beginDecoding() {
        super.beginDecoding();
        if (!(JPEGReader instanceof RasterJpegReader)) JPEGReader = new RasterJpegReader(JPEGReader);
    }

    /** A JPEG reader whose {@code read} into a destination is {@code readRaster}: samples as decoded, no colours. */
    private static final class RasterJpegReader extends ImageReader {
        private final ImageReader jpeg;

        RasterJpegReader(ImageReader jpeg) {
            super(jpeg.getOriginatingProvider());
            this.jpeg = jpeg;
        }

        @Override
        public void setInput(Object input, boolean seekForwardOnly, boolean ignoreMetadata) {
            jpeg.setInput(input, seekForwardOnly, ignoreMetadata);
        }

        @Override
        public BufferedImage read(int imageIndex, ImageReadParam param) throws IOException {
            BufferedImage dest = param == null ? null : param.getDestination();
            if (dest == null) throw new IIOException("a JPEG block needs a destination image");
            Raster raster = jpeg.readRaster(imageIndex, null);
            if (raster.getNumBands() != dest.getRaster().getNumBands())
                throw new IIOException("a JPEG block has " + raster.getNumBands() + " components, the TIFF "
                        + dest.getRaster().getNumBands() + " samples per pixel");
            int w = Math.min(raster.getWidth(), dest.getWidth()), h = Math.min(raster.getHeight(), dest.getHeight());
            dest.getRaster().setRect(raster.createChild(raster.getMinX(), raster.getMinY(), w, h, 0, 0, null));
            return dest;
        }

        @Override
        public int getNumImages(boolean allowSearch) throws IOException { return jpeg.getNumImages(allowSearch); }

        @Override
        public int getWidth(int imageIndex) throws IOException { return jpeg.getWidth(imageIndex); }

        @Override
        public int getHeight(int imageIndex) throws IOException { return jpeg.getHeight(imageIndex); }

        @Override
        public Iterator<ImageTypeSpecifier> getImageTypes(int imageIndex) throws IOException {
            return jpeg.getImageTypes(imageIndex);
        }

        @Override
        public IIOMetadata getStreamMetadata() throws IOException { return jpeg.getStreamMetadata(); }

        @Override
        public IIOMetadata getImageMetadata(int imageIndex) throws IOException { return jpeg.getImageMetadata(imageIndex); }

        @Override
        public ImageReadParam getDefaultReadParam() { return jpeg.getDefaultReadParam(); }

        @Override
        public void dispose() { jpeg.dispose(); }
    }
}
