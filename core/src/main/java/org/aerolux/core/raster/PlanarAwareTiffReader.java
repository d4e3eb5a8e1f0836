package org.aerolux.core.raster;

import it.geosolutions.imageioimpl.plugins.tiff.TIFFImageReader;
import it.geosolutions.imageioimpl.plugins.tiff.TIFFImageReaderSpi;
import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.ImageReadParam;

/**
 * imageio-ext's TIFF reader, told the file's PlanarConfiguration instead of guessing it.
 *
 * <p>The reader second-guesses a "planar" (band-interleaved) file, for writers that mislabel chunky files: it
 * resets it to chunky when the block offsets are as many as one band's blocks. But it makes that check (1.4.15,
 * still so upstream) before it has read the image size and block size, which are still -1: with those the formula
 * counts 3 tiles, or 3 x 3 strips. So a band-interleaved file with exactly 3 tile offsets (3 bands in one tile each:
 * any 3-band image smaller than its tiles) or exactly 9 strip offsets (e.g. 3 bands of 3 strips) was decoded as
 * pixel-interleaved: wrong pixels, no error. {@link TiffDirectory} reads the tag itself, and this reader uses that.
 */
final class PlanarAwareTiffReader extends TIFFImageReader {
    private final int planarConfiguration;

    /** @param planarConfiguration the file's PlanarConfiguration tag: 1 chunky (pixel-interleaved), 2 planar */
    PlanarAwareTiffReader(int planarConfiguration) {
        super(new TIFFImageReaderSpi());
        this.planarConfiguration = planarConfiguration;
    }

    @Override
    public BufferedImage read(int imageIndex, ImageReadParam param) throws IOException {
        getWidth(imageIndex); // reads the image's metadata, and the guess, if not done yet
        super.planarConfiguration = planarConfiguration;
        return super.read(imageIndex, param);
    }
}
