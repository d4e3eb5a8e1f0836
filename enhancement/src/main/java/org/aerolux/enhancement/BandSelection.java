package org.aerolux.enhancement;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.aerolux.core.BadInputException;
import org.aerolux.core.UsageException;
import org.aerolux.core.raster.RasterInfo;

/**
 * Which input bands feed the model's red, green and blue, and where each enhanced channel goes back.
 * Defaults: one colour band (grey) is repeated to {@code 1,1,1}; three or more colour bands give {@code 1,2,3}; a
 * trailing alpha band (PNG) is never fed to the model and is copied unchanged; two colour bands are ambiguous and
 * need {@code --bands}. Bands not selected are copied to the output untouched.
 *
 * <p>A band selected several times (grey {@code 1,1,1}) gets the <em>mean</em> of its enhanced channels back. The
 * three inputs were identical, so the model's output should be grey too; the mean is the least-squares projection
 * of its colour onto the grey axis and weighs the channels as equally as they were fed. Luminance weights
 * (Rec. 601/709) describe how real red, green and blue primaries look to the eye, which a replicated grey band
 * never was, and would let a colour cast of the model shift the grey level.
 *
 * @param zeroBased input bands in model order, 0-based
 * @param explicit  true when given by the user
 */
public record BandSelection(int[] zeroBased, boolean explicit) {
    public BandSelection {
        zeroBased = zeroBased.clone();
    }

    /**
     * Resolves the user's 1-based bands (null for the default) against an input.
     *
     * @throws UsageException     when the list has the wrong length or names a missing band
     * @throws BadInputException  when the default cannot be decided (two colour bands without --bands)
     */
    public static BandSelection resolve(RasterInfo info, int[] oneBased, int modelBands, java.nio.file.Path file) {
        if (oneBased != null) {
            if (oneBased.length != modelBands)
                throw new UsageException(file, "--bands lists " + oneBased.length + " bands but the model takes " + modelBands
                        + " (red, green, blue); repeat a band for grey, e.g. 1,1,1");
            int[] z = new int[oneBased.length];
            for (int i = 0; i < z.length; i++) {
                if (oneBased[i] < 1 || oneBased[i] > info.bandCount())
                    throw new UsageException(file, "--bands: band " + oneBased[i] + " does not exist; the input has "
                            + info.bandCount() + " band" + (info.bandCount() == 1 ? "" : "s") + " (numbered from 1)");
                z[i] = oneBased[i] - 1;
            }
            return new BandSelection(z, true);
        }
        int colour = colourBands(info);
        if (colour == 1) return new BandSelection(new int[] {0, 0, 0}, false);
        if (colour == 2)
            throw new BadInputException(file, "the image has 2 bands and enhancement needs red, green and blue: choose them"
                    + " with --bands (e.g. --bands 1,1,1 for the first band as grey)");
        int[] z = new int[modelBands];
        for (int i = 0; i < modelBands; i++) z[i] = i;
        return new BandSelection(z, false);
    }

    /** Bands that carry colour: all but a last band described as alpha. */
    static int colourBands(RasterInfo info) {
        int n = info.bandCount();
        if (n > 1 && "alpha".equals(info.bandDescriptions().get(n - 1).trim().toLowerCase(Locale.ROOT))) n--;
        return n;
    }

    /** Number of model channels. */
    public int size() { return zeroBased.length; }

    /** The distinct selected bands, in first-use order. */
    public int[] distinct() {
        Set<Integer> s = new LinkedHashSet<>();
        for (int b : zeroBased) s.add(b);
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The model channels that come from input band {@code band} (empty when the band is not enhanced). */
    public int[] channelsOf(int band) {
        return java.util.stream.IntStream.range(0, zeroBased.length).filter(k -> zeroBased[k] == band).toArray();
    }

    /** True when every channel comes from one band (a grey image fed as RGB). */
    public boolean isGrey() { return distinct().length == 1; }

    /** 1-based, as typed: e.g. "1,1,1". */
    public String oneBasedText() {
        return String.join(",", Arrays.stream(zeroBased).mapToObj(b -> Integer.toString(b + 1)).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BandSelection b && Arrays.equals(zeroBased, b.zeroBased) && explicit == b.explicit;
    }

    @Override
    public int hashCode() { return Arrays.hashCode(zeroBased) * 31 + Boolean.hashCode(explicit); }

    @Override
    public String toString() { return oneBasedText(); }
}
