package org.aerolux.plugins.region;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Line;
import ij.process.ByteProcessor;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.aerolux.core.raster.RasterSink;
import org.aerolux.segmentation.LabelRowsConsumer;
import org.junit.jupiter.api.Test;

/** The box and window of a selection, and the sinks that cut the window's rows to the box. */
class ImageRegionTest {
    @Test
    void theWindowIsTheBoxGrownByTheHaloInsideTheImage() {
        ImagePlus imp = new ImagePlus("i", new ByteProcessor(100, 80));
        assertEquals(new Rectangle(0, 0, 100, 80), ImageRegion.of(imp, 16).window());
        assertFalse(ImageRegion.of(imp, 16).selection());
        imp.setRoi(new OvalRoi(30, 20, 40, 30));
        ImageRegion r = ImageRegion.of(imp, 16);
        assertEquals(new Rectangle(30, 20, 40, 30), r.box());
        assertEquals(new Rectangle(14, 4, 72, 62), r.window());
        assertEquals(16, r.boxXInWindow());
        imp.setRoi(new Rectangle(90, 70, 30, 30)); // past the corner: clipped
        r = ImageRegion.of(imp, 16);
        assertEquals(new Rectangle(90, 70, 10, 10), r.box());
        assertEquals(new Rectangle(74, 54, 26, 26), r.window());
        imp.setRoi(new Line(1, 1, 50, 50)); // not an area: the whole image
        assertEquals(new Rectangle(0, 0, 100, 80), ImageRegion.of(imp, 16).box());
    }

    @Test
    void croppedSinksPassOnlyTheBoxInItsOwnCoordinates() {
        ImageRegion r = new ImageRegion(new Rectangle(13, 12, 4, 3), new Rectangle(10, 10, 8, 7), true);
        List<float[]> rows = new ArrayList<>();
        RasterSink inner = new RasterSink() {
            long n;

            @Override
            public void write(RandomAccessibleInterval<? extends RealType<?>> block) {
                assertEquals(n, block.min(1));
                assertEquals(0, block.min(0));
                assertEquals(4, block.dimension(0));
                for (long y = block.min(1); y <= block.max(1); y++) {
                    float[] row = new float[4];
                    for (int x = 0; x < 4; x++) row[x] = ((RealType<?>) block.getAt(x, y, 0)).getRealFloat();
                    rows.add(row);
                }
                n += block.dimension(1);
            }

            @Override
            public long rowsWritten() { return n; }

            @Override
            public void commit() {}

            @Override
            public void close() {}
        };
        RasterSink cropped = CroppedRasterSink.of(inner, r);
        // the window's 7 rows in blocks of 2, 3 and 2 rows; value = 100 * window row + window column
        for (int[] block : new int[][] {{0, 2}, {2, 3}, {5, 2}}) {
            float[] v = new float[8 * block[1]];
            for (int y = 0; y < block[1]; y++) for (int x = 0; x < 8; x++) v[y * 8 + x] = 100 * (block[0] + y) + x;
            RandomAccessibleInterval<FloatType> img = Views.translate(ArrayImgs.floats(v, 8, block[1], 1), 0, block[0], 0);
            cropped.write(img);
        }
        assertEquals(3, rows.size());
        for (int y = 0; y < 3; y++) for (int x = 0; x < 4; x++) assertEquals(100 * (y + 2) + x + 3, rows.get(y)[x], 0);

        List<String> labelRows = new ArrayList<>();
        LabelRowsConsumer labels = CroppedLabelRows.of(new LabelRowsConsumer() {
            @Override
            public void acceptRows(int y0, byte[] l, int n) {
                for (int y = 0; y < n; y++) {
                    StringBuilder sb = new StringBuilder(y0 + y + ":");
                    for (int x = 0; x < 4; x++) sb.append(l[y * 4 + x]).append(',');
                    labelRows.add(sb.toString());
                }
            }

            @Override
            public JsonObject finish() { return new JsonObject(); }

            @Override
            public void close() {}
        }, r);
        byte[] l = new byte[8 * 7];
        for (int y = 0; y < 7; y++) for (int x = 0; x < 8; x++) l[y * 8 + x] = (byte) (10 * y + x);
        labels.acceptRows(0, java.util.Arrays.copyOf(l, 8 * 3), 3);
        labels.acceptRows(3, java.util.Arrays.copyOfRange(l, 8 * 3, 8 * 7), 4);
        assertEquals(List.of("0:23,24,25,26,", "1:33,34,35,36,", "2:43,44,45,46,"), labelRows);
    }
}
