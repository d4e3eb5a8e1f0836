package org.aerolux.core.raster;

import it.geosolutions.imageio.plugins.tiff.BaselineTIFFTagSet;
import it.geosolutions.imageioimpl.plugins.tiff.TIFFImageReader;
import it.geosolutions.imageioimpl.plugins.tiff.TIFFImageReaderSpi;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.OptionalDouble;
import javax.imageio.ImageReadParam;

/**
 * imageio-ext's TIFF reader, set up to return the samples as the file stores them, as GDAL does.
 *
 * <ul>
 *   <li><b>PlanarConfiguration from the file, not guessed.</b> The reader second-guesses a planar (band-interleaved)
 *       file, for writers that mislabel chunky ones: it resets it to chunky when the block offsets are as many as
 *       one band's blocks. But it makes that check (1.4.15, still so upstream) before it has read the image and
 *       block size, which are still -1: the formula then counts 3 tiles, or 3 x 3 strips. A band-interleaved file
 *       with exactly 3 tile offsets (3 bands in one tile each: any 3-band image smaller than its tiles) or 9 strip
 *       offsets (3 bands of 3 strips) was decoded as pixel-interleaved: wrong pixels, no error.</li>
 *   <li><b>WhiteIsZero read like BlackIsZero.</b> The reader inverts MINISWHITE samples for display (and breaks
 *       on float ones); GDAL, and so every analysis, takes the stored values.</li>
 * </ul>
 * {@link TiffDirectory} reads both tags itself; this reader uses them.
 */
final class AsStoredTiffReader extends TIFFImageReader {
    private final int planarConfiguration;
    private final double emptyBlockValue;

    /**
     * @param planarConfiguration the file's PlanarConfiguration tag: 1 chunky (pixel-interleaved), 2 planar
     * @param emptyBlockValue     the value of the pixels of blocks the file leaves out (offset and byte count 0)
     */
    AsStoredTiffReader(int planarConfiguration, double emptyBlockValue) {
        super(new TIFFImageReaderSpi());
        this.planarConfiguration = planarConfiguration;
        this.emptyBlockValue = emptyBlockValue;
    }

    /**
     * What GDAL reads in a block a sparse file leaves out (GDAL's SPARSE_OK=TRUE): the nodata value converted to
     * the type as GDALCopyWords converts it (rounded half away from zero and clamped; NaN is 0 in integers), else 0.
     */
    static double emptyBlockValue(DataType type, OptionalDouble nodata) {
        if (nodata.isEmpty()) return 0;
        double v = nodata.getAsDouble();
        if (type == DataType.FLOAT64) return v;
        if (type == DataType.FLOAT32) return (float) v;
        if (Double.isNaN(v)) return 0;
        double r = Math.max(type.min(), Math.min(type.max(), Math.signum(v) * Math.floor(Math.abs(v) + 0.5)));
        return type == DataType.UINT32 && r > Integer.MAX_VALUE ? r - 4294967296.0 : r; // the library takes int bits
    }

    @Override
    public BufferedImage read(int imageIndex, ImageReadParam param) throws IOException {
        useStoredSamples(imageIndex);
        return super.read(imageIndex, param);
    }

    /** Sets the fields before each read: the image type the read creates depends on them. */
    private void useStoredSamples(int imageIndex) throws IOException {
        getWidth(imageIndex); // reads the image's metadata, and the guesses, if not done yet
        super.planarConfiguration = planarConfiguration;
        noData = emptyBlockValue; // imageio-ext fills left-out blocks with it (and fails on them when it is null)
        if (photometricInterpretation == BaselineTIFFTagSet.PHOTOMETRIC_INTERPRETATION_WHITE_IS_ZERO)
            photometricInterpretation = BaselineTIFFTagSet.PHOTOMETRIC_INTERPRETATION_BLACK_IS_ZERO;
    }
}
