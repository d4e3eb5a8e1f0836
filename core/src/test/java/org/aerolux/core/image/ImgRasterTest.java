package org.aerolux.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.FinalInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.aerolux.core.BadInputException;
import org.aerolux.core.raster.DataType;
import org.junit.jupiter.api.Test;

class ImgRasterTest {
    @Test
    void sourceReadsWindowsOfChosenBandsAtImageCoordinates() {
        byte[] px = new byte[4 * 3 * 2];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 10);
        ImgRasterSource<UnsignedByteType> s = ImgRasterSource.withNodata(ArrayImgs.unsignedBytes(px, 4, 3, 2), 0);
        assertEquals(DataType.UINT8, s.info().dataType());
        assertEquals(2, s.info().bandCount());
        assertTrue(s.info().isNodata(1, 0));
        var w = s.read(new FinalInterval(new long[] {1, 1}, new long[] {3, 2}), 1, 0, 1);
        assertEquals(1, w.min(0));
        assertEquals(1, w.min(1));
        assertEquals(3, w.dimension(2));
        var ra = w.randomAccess();
        ra.setPosition(new long[] {2, 1, 0}); // band 1 at x 2, y 1 -> index 12 + 4 + 2 = 18
        assertEquals(180f, ra.get().get());
        ra.setPosition(new long[] {2, 1, 1}); // band 0 -> index 6
        assertEquals(60f, ra.get().get());
        assertThrows(BadInputException.class, () -> s.read(new FinalInterval(new long[] {-1, 0}, new long[] {2, 2}), 0));
        assertThrows(BadInputException.class, () -> s.read(new FinalInterval(new long[] {0, 0}, new long[] {4, 2}), 0));
        assertThrows(BadInputException.class, () -> s.read(new FinalInterval(new long[] {0, 0}, new long[] {1, 1}), 2));
    }

    @Test
    void sinkPublishesOnlyAfterCommit() {
        ImgRasterSink<UnsignedByteType> sink = new ImgRasterSink<>(3, 2, 1, new UnsignedByteType());
        sink.write(Views.translate(ArrayImgs.floats(new float[] {1.4f, 2.6f, 300f}, 3, 1, 1), 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> sink.write(ArrayImgs.floats(new float[] {1, 2, 3}, 3, 1, 1)),
                "rows must continue where the last block ended");
        assertThrows(IllegalStateException.class, sink::commit);
        sink.write(Views.translate(ArrayImgs.floats(new float[] {4, 5, 6}, 3, 1, 1), 0, 1, 0));
        assertEquals(2, sink.rowsWritten());
        assertFalse(sink.result().isPresent());
        sink.commit();
        var ra = sink.result().orElseThrow().randomAccess();
        ra.setPosition(new long[] {1, 0, 0});
        assertEquals(3, ra.get().get()); // 2.6 rounds
        ra.setPosition(new long[] {2, 1, 0});
        assertEquals(6, ra.get().get());

        ImgRasterSink<FloatType> abandoned = new ImgRasterSink<>(1, 1, 1, new FloatType());
        abandoned.write(ArrayImgs.floats(new float[] {1}, 1, 1, 1));
        abandoned.close();
        assertFalse(abandoned.result().isPresent(), "closing without commit drops the image");
        assertThrows(IllegalStateException.class, () -> abandoned.write(ArrayImgs.floats(new float[] {1}, 1, 1, 1)));
    }
}
