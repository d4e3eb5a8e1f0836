package org.aerolux.plugins.image;

import static org.junit.jupiter.api.Assertions.*;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import org.aerolux.core.raster.DataType;
import org.junit.jupiter.api.Test;

/**
 * ImagePixels wraps an ImagePlus without copying: a value written through the ImgLib2 view is in the ImagePlus's
 * own pixel array (getPixels()), and a value set in ImageJ afterwards is what the view reads.
 */
class ImagePixelsTest {
    /** Writes {@code value} at (x, y, band) through the wrapped view; returns the type the view reported. */
    private static DataType write(ImagePlus imp, int x, int y, int band, double value) {
        return ImagePixels.wrap(imp, new ImagePixels.Visitor<DataType>() {
            @Override
            public <T extends RealType<T>> DataType visit(RandomAccessibleInterval<T> image, DataType type) {
                assertArrayEquals(new long[] {imp.getWidth(), imp.getHeight(), ImageBands.count(imp)}, image.dimensionsAsLongArray());
                RandomAccess<T> a = image.randomAccess();
                a.setPosition(new long[] {x, y, band});
                a.get().setReal(value);
                return type;
            }
        });
    }

    private static double read(ImagePlus imp, int x, int y, int band) {
        return ImagePixels.wrap(imp, new ImagePixels.Visitor<Double>() {
            @Override
            public <T extends RealType<T>> Double visit(RandomAccessibleInterval<T> image, DataType type) {
                RandomAccess<T> a = image.randomAccess();
                a.setPosition(new long[] {x, y, band});
                return a.get().getRealDouble();
            }
        });
    }

    @Test
    void bytesWriteThroughToTheImageArrays() {
        ImageStack stack = new ImageStack(7, 5);
        stack.addSlice("red", new ByteProcessor(7, 5));
        stack.addSlice("green", new ByteProcessor(7, 5));
        ImagePlus imp = new ImagePlus("two bands", stack);
        byte[] green = (byte[]) imp.getStack().getPixels(2);
        assertEquals(DataType.UINT8, write(imp, 3, 2, 1, 200));
        assertSame(green, imp.getStack().getPixels(2));
        assertEquals((byte) 200, green[2 * 7 + 3]);
        assertEquals(0, ((byte[]) imp.getStack().getPixels(1))[2 * 7 + 3]);
        imp.getStack().getProcessor(1).set(4, 1, 17); // and back: ImageJ's edit is what the view reads
        assertEquals(17, read(imp, 4, 1, 0));
    }

    @Test
    void shortsAndFloatsWriteThroughToGetPixels() {
        ImagePlus u16 = new ImagePlus("u16", new ShortProcessor(6, 4));
        assertEquals(DataType.UINT16, write(u16, 5, 3, 0, 60000));
        assertEquals(60000, ((short[]) u16.getProcessor().getPixels())[3 * 6 + 5] & 0xffff);
        assertEquals(60000, u16.getProcessor().get(5, 3));

        ImagePlus f32 = new ImagePlus("f32", new FloatProcessor(6, 4));
        float[] pixels = (float[]) f32.getProcessor().getPixels();
        assertEquals(DataType.FLOAT32, write(f32, 1, 2, 0, -0.25));
        assertSame(pixels, f32.getProcessor().getPixels());
        assertEquals(-0.25f, pixels[2 * 6 + 1]);
    }

    @Test
    void anRgbImageIsThreeBandsOverItsPackedPixels() {
        ColorProcessor cp = new ColorProcessor(4, 3);
        cp.set(2, 1, 0x102030);
        ImagePlus rgb = new ImagePlus("rgb", cp);
        assertEquals(0x10, read(rgb, 2, 1, 0));
        assertEquals(0x20, read(rgb, 2, 1, 1));
        assertEquals(0x30, read(rgb, 2, 1, 2));
        int[] packed = (int[]) rgb.getProcessor().getPixels();
        int before = packed[1 * 4 + 2];
        // a bright value (>= 128) into green changes green only: no sign extension into red or alpha
        assertEquals(DataType.UINT8, write(rgb, 2, 1, 1, 0xee));
        assertSame(packed, rgb.getProcessor().getPixels());
        assertEquals(before & 0xffff00ff | 0xee00, packed[1 * 4 + 2]);
        write(rgb, 2, 1, 0, 0xff);
        write(rgb, 2, 1, 2, 0x80);
        assertEquals(before & 0xff000000 | 0xffee80, packed[1 * 4 + 2]);
        assertEquals(0, packed[0], "other pixels untouched");
    }
}
