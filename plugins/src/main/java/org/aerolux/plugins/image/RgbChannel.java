package org.aerolux.plugins.image;

import net.imglib2.Sampler;
import net.imglib2.converter.readwrite.SamplerConverter;
import net.imglib2.img.basictypeaccess.ByteAccess;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * One 8-bit channel of packed RGB pixels, readable and writable in place. ImgLib2's own
 * {@code Converters.argbChannels} (8.0.1) sign-extends the byte it writes, so a value of 128 or more also sets
 * every higher channel to 255; this one masks it. (The sampler-converter idea is ImgLib2's.)
 */
final class RgbChannel implements SamplerConverter<ARGBType, UnsignedByteType> {
    private final int shift;

    /** @param shift 16 for red, 8 for green, 0 for blue */
    RgbChannel(int shift) {
        this.shift = shift;
    }

    @Override
    public UnsignedByteType convert(Sampler<? extends ARGBType> sampler) {
        return new UnsignedByteType(new ByteAccess() {
            @Override
            public byte getValue(int index) {
                return (byte) (sampler.get().get() >> shift);
            }

            @Override
            public void setValue(int index, byte value) {
                ARGBType t = sampler.get();
                t.set(t.get() & ~(0xff << shift) | (value & 0xff) << shift);
            }
        });
    }
}
