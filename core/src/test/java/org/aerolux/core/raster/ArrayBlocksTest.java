package org.aerolux.core.raster;

import static org.junit.jupiter.api.Assertions.*;

import net.imglib2.img.array.ArrayImgs;
import net.imglib2.view.Views;
import org.junit.jupiter.api.Test;

class ArrayBlocksTest {
    @Test
    void findsTheArrayBehindWholeTranslatedImagesOnly() {
        byte[] data = new byte[10 * 4 * 3];
        var img = ArrayImgs.unsignedBytes(data, 10, 4, 3);
        assertSame(data, ArrayBlocks.array(img));
        assertSame(data, ArrayBlocks.array(Views.translate(img, 0, 100, 0)));
        assertNull(ArrayBlocks.array(Views.interval(Views.translate(img, 0, 100, 0), new long[] {0, 100, 0}, new long[] {9, 101, 2})),
                "a part of the image");
        assertNull(ArrayBlocks.array(Views.permute(img, 0, 1)), "axes swapped");
        assertNull(ArrayBlocks.array(Views.translate(Views.zeroMin(Views.interval(img, new long[] {1, 0, 0}, new long[] {9, 3, 2})), 0, 5, 0)),
                "a shifted window of the array");
    }
}
