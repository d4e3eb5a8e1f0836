package org.aerolux.core.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import net.imglib2.Interval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;
import org.aerolux.core.BadInputException;
import org.aerolux.core.io.OpenInputs;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;

/**
 * A PNG or JPEG photograph as a {@link RasterSource} (javax.imageio; no georeference, no nodata). The file is
 * decoded once, on open, and held in memory in its own sample type: 8-bit and 16-bit PNG (grey, grey + alpha,
 * RGB, RGBA; palette images are expanded to grey or RGB(A) through their colour table) and 8-bit JPEG (grey or
 * RGB; CMYK JPEGs are refused). Samples are the values stored in the file, without ICC colour management (as
 * GDAL, libjpeg and PIL read them). Band descriptions say what each band is: {@code gray}, {@code red},
 * {@code green}, {@code blue}, {@code alpha}. Bit depths below 8 come out on the 0..255 scale.
 */
public final class PlainImageSource implements RasterSource {
    /** The plain image formats AeroLux reads. */
    public enum Format { PNG, JPEG }

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final Path file;
    private final Format format;
    private final Raster raster;
    private final RasterInfo info;
    private final OpenInputs.Handle registration;

    private PlainImageSource(Path file, Format format, Raster raster, RasterInfo info, OpenInputs.Handle registration) {
        this.file = file;
        this.format = format;
        this.raster = raster;
        this.info = info;
        this.registration = registration;
    }

    /** The format of a file from its first bytes (not its name); empty for anything else or an unreadable file. */
    public static Optional<Format> detect(Path file) {
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (n == 8 && java.util.Arrays.equals(head, PNG_MAGIC)) return Optional.of(Format.PNG);
        if (n >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff)
            return Optional.of(Format.JPEG);
        return Optional.empty();
    }

    /**
     * Decodes a PNG or JPEG file.
     *
     * @throws BadInputException naming the file and the problem: missing, not PNG/JPEG, truncated or corrupt,
     *         an unsupported colour type or sample size
     */
    public static PlainImageSource open(Path file) {
        if (!Files.exists(file)) throw new BadInputException(file, "file not found");
        if (Files.isDirectory(file)) throw new BadInputException(file, "is a folder, not a file");
        if (!Files.isReadable(file)) throw new BadInputException(file, "file is not readable (permissions)");
        Format format = detect(file).orElseThrow(() -> new BadInputException(file, "not a PNG or JPEG file"));
        BufferedImage image = decode(file, format);
        Raster raster;
        List<String> roles;
        ColorModel cm = image.getColorModel();
        if (cm instanceof IndexColorModel icm) {
            boolean gray = isGrayPalette(icm);
            boolean alpha = icm.hasAlpha();
            raster = expandPalette(image, icm, gray, alpha);
            roles = roles(gray ? 1 : 3, alpha);
        } else {
            raster = image.getRaster();
            int bands = raster.getNumBands();
            boolean alpha = cm != null && cm.hasAlpha();
            int colour = alpha ? bands - 1 : bands;
            if (colour != 1 && colour != 3)
                throw new BadInputException(file, format == Format.JPEG && bands == 4
                        ? "unsupported JPEG colour space: 4 channels (CMYK or YCCK); convert it to RGB first"
                        : "unsupported " + format + " colour layout: " + bands + " bands" + (alpha ? " with alpha" : ""));
            roles = roles(colour, alpha);
        }
        DataType type = switch (raster.getTransferType()) {
            case DataBuffer.TYPE_BYTE -> DataType.UINT8;
            case DataBuffer.TYPE_USHORT -> DataType.UINT16;
            default -> throw new BadInputException(file, "unsupported " + format + " sample type (only 8- and 16-bit)");
        };
        int[] bits = raster.getSampleModel().getSampleSize();
        if (java.util.Arrays.stream(bits).anyMatch(b -> b < 8)) raster = scaleLowBitDepth(raster, bits);
        int w = raster.getWidth(), h = raster.getHeight();
        if (w < 1 || h < 1) throw new BadInputException(file, "empty image (" + w + " x " + h + ")");
        RasterInfo info = new RasterInfo(w, h, raster.getNumBands(), type, Georeference.NONE,
                Collections.nCopies(raster.getNumBands(), OptionalDouble.empty()), roles);
        return new PlainImageSource(file, format, raster, info, OpenInputs.register(file));
    }

    @Override
    public RasterInfo info() { return info; }

    /** The file this source was decoded from. */
    public Path file() { return file; }

    /** PNG or JPEG. */
    public Format format() { return format; }

    @Override
    public RandomAccessibleInterval<FloatType> read(Interval window, int... bands) {
        if (window.numDimensions() != 2 || Intervals.isEmpty(window) || window.min(0) < 0 || window.min(1) < 0
                || window.max(0) >= info.width() || window.max(1) >= info.height())
            throw new BadInputException(file, "window " + Intervals.toString(window) + " is outside the image ("
                    + info.width() + " x " + info.height() + " pixels)");
        int x = (int) window.min(0), y = (int) window.min(1);
        int w = (int) window.dimension(0), h = (int) window.dimension(1);
        float[] out = new float[w * h * bands.length];
        float[] plane = new float[w * h];
        for (int k = 0; k < bands.length; k++) {
            int b = bands[k];
            if (b < 0 || b >= info.bandCount())
                throw new BadInputException(file, "band " + (b + 1) + " requested, the image has " + info.bandCount() + " bands");
            raster.getSamples(x, y, w, h, b, plane);
            System.arraycopy(plane, 0, out, k * w * h, w * h);
        }
        return Views.translate(ArrayImgs.floats(out, w, h, bands.length), x, y, 0);
    }

    @Override
    public void close() { registration.close(); }

    private static BufferedImage decode(Path file, Format format) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) throw new BadInputException(file, "cannot open the " + format + " file");
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw new BadInputException(file, "no decoder for this " + format + " file");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
                storedColours(reader).ifPresent(param::setDestinationType);
                BufferedImage image = reader.read(0, param);
                if (image == null) throw new BadInputException(file, "the " + format + " file holds no image");
                return image;
            } finally {
                reader.dispose();
            }
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            String lower = m.toLowerCase(Locale.ROOT);
            String why = lower.contains("unsupported image type") ? "unsupported " + format + " colour space (CMYK or YCCK?)"
                    : "corrupt or truncated " + format + " (" + m.replaceAll("\\s+", " ").trim() + ")";
            throw new BadInputException(file, why, e);
        }
    }

    /**
     * The image type that keeps samples as stored. Java's JPEG reader converts a file with an embedded ICC
     * profile to sRGB by default; it also offers the embedded colour space itself (an RGB ICC colour space that is
     * not sRGB), which gives the decoded samples unchanged, as GDAL, libjpeg and PIL return them. AeroLux does no
     * colour management: enhancement works on the values in the file.
     */
    private static Optional<javax.imageio.ImageTypeSpecifier> storedColours(ImageReader reader) throws IOException {
        Iterator<javax.imageio.ImageTypeSpecifier> types = reader.getImageTypes(0);
        if (types == null || !types.hasNext()) return Optional.empty();
        javax.imageio.ImageTypeSpecifier first = types.next();
        java.awt.color.ColorSpace cs = first.getColorModel().getColorSpace();
        if (!cs.isCS_sRGB()) return Optional.empty();
        while (types.hasNext()) {
            javax.imageio.ImageTypeSpecifier t = types.next();
            java.awt.color.ColorSpace other = t.getColorModel().getColorSpace();
            if (other.getType() == cs.getType() && !other.isCS_sRGB()
                    && t.getColorModel().getNumComponents() == first.getColorModel().getNumComponents()) return Optional.of(t);
        }
        return Optional.empty();
    }

    private static List<String> roles(int colourBands, boolean alpha) {
        List<String> r = new ArrayList<>(colourBands == 1 ? List.of("gray") : List.of("red", "green", "blue"));
        if (alpha) r.add("alpha");
        return r;
    }

    private static boolean isGrayPalette(IndexColorModel icm) {
        for (int i = 0; i < icm.getMapSize(); i++)
            if (icm.getRed(i) != icm.getGreen(i) || icm.getGreen(i) != icm.getBlue(i)) return false;
        return true;
    }

    /** Looks every index up in the colour table: 8-bit grey or RGB, plus alpha when the table has it. */
    private static Raster expandPalette(BufferedImage image, IndexColorModel icm, boolean gray, boolean alpha) {
        int w = image.getWidth(), h = image.getHeight();
        int bands = (gray ? 1 : 3) + (alpha ? 1 : 0);
        WritableRaster out = Raster.createBandedRaster(DataBuffer.TYPE_BYTE, w, h, bands, null);
        Raster in = image.getRaster();
        int[] idx = new int[w];
        for (int y = 0; y < h; y++) {
            in.getSamples(0, y, w, 1, 0, idx);
            for (int x = 0; x < w; x++) {
                int i = idx[x];
                if (gray) out.setSample(x, y, 0, icm.getRed(i));
                else {
                    out.setSample(x, y, 0, icm.getRed(i));
                    out.setSample(x, y, 1, icm.getGreen(i));
                    out.setSample(x, y, 2, icm.getBlue(i));
                }
                if (alpha) out.setSample(x, y, bands - 1, icm.getAlpha(i));
            }
        }
        return out;
    }

    /** Grey PNGs of 1, 2 or 4 bits come as small integers: stretch them to 0..255 (a bit replication). */
    private static Raster scaleLowBitDepth(Raster in, int[] bits) {
        int w = in.getWidth(), h = in.getHeight(), n = in.getNumBands();
        WritableRaster out = Raster.createBandedRaster(DataBuffer.TYPE_BYTE, w, h, n, null);
        int[] row = new int[w];
        for (int b = 0; b < n; b++) {
            int max = (1 << bits[b]) - 1;
            for (int y = 0; y < h; y++) {
                in.getSamples(0, y, w, 1, b, row);
                for (int x = 0; x < w; x++) row[x] = Math.round(row[x] * 255f / max);
                out.setSamples(0, y, w, 1, b, row);
            }
        }
        return out;
    }
}
