package org.aerolux.core.raster;

import it.geosolutions.imageio.plugins.tiff.BaselineTIFFTagSet;
import it.geosolutions.imageio.plugins.tiff.TIFFDecompressor;
import it.geosolutions.imageioimpl.plugins.tiff.TIFFDeflateDecompressor;
import it.geosolutions.imageioimpl.plugins.tiff.TIFFLZWDecompressor;
import it.geosolutions.imageioimpl.plugins.tiff.TIFFZSTDDecompressor;
import java.io.IOException;
import javax.imageio.IIOException;

/**
 * A TIFF block decoder for files with a predictor: imageio-ext's own LZW, Deflate or ZSTD decoder unpacks the block
 * with no predictor, then {@link Predictors} undoes the predictor row by row, where the block landed.
 *
 * <p>Why not imageio-ext's predictor: its LZW decoder (1.4.15, and master as of 2025) undoes the 8-bit horizontal
 * predictor at offset 0 of the destination instead of at the block's offset. That offset is 0 only when a block
 * is decoded into a scratch buffer; when a strip is decoded straight into the destination (a read as wide as the
 * strip that covers whole strips), the first strip's rows are undone again for every strip and the other strips'
 * rows never, so 8-bit LZW + Predictor 2 images came back with wrong pixels and no error. Its Predictor 2 also
 * stops at 32 bits, and every decoder passes the predictor its scratch offset and destination offset
 * inconsistently; undoing the predictor here, for every codec, leaves none of that code on the path.
 */
final class PredictedDecompressor extends TIFFDecompressor {
    private final TIFFDecompressor codec;
    private final int predictor;
    private byte[] scratch = new byte[0];

    /**
     * @param compression the TIFF compression code: 5 (LZW), 8 or 32946 (Deflate) or 50000 (ZSTD)
     * @param predictor   {@link Predictors#HORIZONTAL} or {@link Predictors#FLOATING_POINT}
     */
    PredictedDecompressor(int compression, int predictor) throws IIOException {
        this.predictor = predictor;
        int none = BaselineTIFFTagSet.PREDICTOR_NONE;
        this.codec = switch (compression) {
            case 5 -> new TIFFLZWDecompressor(none);
            case 8, 32946 -> new TIFFDeflateDecompressor(none);
            case 50000 -> new TIFFZSTDDecompressor(none);
            default -> throw new IllegalArgumentException("no predictor with compression " + compression);
        };
    }

    /** True for the compressions libtiff applies a predictor to, among those decoded here. */
    static boolean appliesTo(int compression) {
        return compression == 5 || compression == 8 || compression == 32946 || compression == 50000;
    }

    @Override
    public void decodeRaw(byte[] b, int dstOffset, int bitsPerPixel, int scanlineStride) throws IOException {
        codec.setStream(stream);
        codec.setOffset(offset);
        codec.setByteCount(byteCount);
        codec.setSrcWidth(srcWidth);
        codec.setSrcHeight(srcHeight);
        codec.setBitsPerSample(bitsPerSample);
        codec.setSampleFormat(sampleFormat);
        codec.setSamplesPerPixel(samplesPerPixel);
        codec.setPlanar(planar);
        codec.decodeRaw(b, dstOffset, bitsPerPixel, scanlineStride);

        int bits = bitsPerSample[0];
        if (bits % 8 != 0 || bitsPerPixel % bits != 0)
            throw new IIOException("predictor on " + bits + "-bit samples is not supported");
        int bytesPerSample = bits / 8;
        int samples = bitsPerPixel / bits;
        int rowBytes = srcWidth * samples * bytesPerSample;
        if (predictor == Predictors.FLOATING_POINT && scratch.length < rowBytes) scratch = new byte[rowBytes];
        for (int y = 0, o = dstOffset; y < srcHeight; y++, o += scanlineStride) {
            if (predictor == Predictors.HORIZONTAL)
                Predictors.undoHorizontal(b, o, rowBytes, samples, bytesPerSample, stream.getByteOrder());
            else
                Predictors.undoFloatingPoint(b, o, rowBytes, samples, bytesPerSample, stream.getByteOrder(), scratch);
        }
    }
}
