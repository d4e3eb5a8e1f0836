package org.aerolux.enhancement;

import static org.junit.jupiter.api.Assertions.*;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import org.aerolux.core.image.ImgRasterSink;
import org.aerolux.core.image.ImgRasterSource;
import org.aerolux.core.model.Model;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Images smaller than the model's 4 x 4 minimum are mirror-padded up to it and cropped back. */
class SmallImagesTest extends WithCueModel {
    @ParameterizedTest
    @CsvSource({"1,1,3", "3,2,3", "2,5,1", "4,4,3", "5,3,1"})
    void tinyImagesComeBackTheSameSizeAndBrighter(int w, int h, int bands) {
        byte[] px = new byte[w * h * bands];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (10 + 7 * (i % 5));
        Img<UnsignedByteType> img = ArrayImgs.unsignedBytes(px, w, h, bands);
        try (Enhancer e = Enhancer.builder().model(model).build()) {
            ImgRasterSink<UnsignedByteType> sink = new ImgRasterSink<>(w, h, bands, new UnsignedByteType());
            EnhancementResult r = e.enhance(ImgRasterSource.of(img), like -> sink);
            assertEquals(EnhancementMode.WHOLE, r.plan().mode());
            // the image plus the mirrored border margin on each side, padded to a multiple of 4
            int margins = 2 * ModePlanner.BORDER_MARGIN;
            assertEquals((w + margins + 3) / 4 * 4, r.plan().layout().tileWidth(), "mirror margins, padded to a multiple of 4");
            assertEquals((h + margins + 3) / 4 * 4, r.plan().layout().tileHeight());
            Img<UnsignedByteType> out = sink.result().orElseThrow();
            assertArrayEquals(new long[] {w, h, bands}, out.dimensionsAsLongArray());
            double in = 0, o = 0;
            for (UnsignedByteType p : img) in += p.get();
            for (UnsignedByteType p : out) o += p.get();
            assertTrue(o > in, "a dark image comes back brighter: " + in + " -> " + o);
        }
    }
}
