package org.aerolux.enhancement;

import java.nio.file.Path;
import java.util.Locale;
import org.aerolux.core.UsageException;
import org.aerolux.core.image.PlainImageSource;
import org.aerolux.core.image.PngRasterSink;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.GeoTiffSink;
import org.aerolux.core.raster.GeoTiffSource;
import org.aerolux.core.raster.RasterSource;

/**
 * Names and writers of enhancement outputs (INTERFACE.md): for an input {@code STEM.ext} in folder DIR,
 * {@code DIR/STEM_enhanced.tif} (GeoTIFF input) or {@code DIR/STEM_enhanced.png} (PNG or JPEG input),
 * {@code DIR/STEM_aerolux.json} (provenance) and, when asked, {@code DIR/STEM_before_after.png}.
 */
public final class EnhancedOutputs {
    private EnhancedOutputs() {}

    /** The input's name without its last extension. */
    public static String stem(Path input) {
        String name = input.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** True for names AeroLux enhances: .tif, .tiff, .png, .jpg, .jpeg (any case). */
    public static boolean isSupportedName(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".tif") || n.endsWith(".tiff") || n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    /** True for names enhancement writes (STEM_enhanced.tif/.png, STEM_before_after.png): not inputs of a rerun. */
    public static boolean isOutputName(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith("_enhanced.tif") || n.endsWith("_enhanced.png") || n.endsWith("_before_after.png");
    }

    /** True when the input is a PNG or JPEG by name (its output is then a PNG). */
    public static boolean isPlainImageName(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    /** STEM_enhanced.tif or STEM_enhanced.png in {@code dir}. */
    public static Path enhanced(Path input, Path dir) {
        return dir.resolve(stem(input) + "_enhanced" + (isPlainImageName(input) ? ".png" : ".tif"));
    }

    /** STEM_aerolux.json in {@code dir}. */
    public static Path provenance(Path input, Path dir) { return dir.resolve(stem(input) + "_aerolux.json"); }

    /** STEM_before_after.png in {@code dir}. */
    public static Path beforeAfter(Path input, Path dir) { return dir.resolve(stem(input) + "_before_after.png"); }

    /** The file a source reads, when it is a file. */
    public static Path fileOf(RasterSource source) {
        if (source instanceof GeoTiffSource g) return g.file();
        if (source instanceof PlainImageSource p) return p.file();
        return null;
    }

    /**
     * A sink for {@code output} shaped like the input: a PNG for .png (8- or 16-bit, up to 4 bands), else a tiled,
     * Deflate GeoTIFF with the input's georeference, nodata and band descriptions (marked RGB when the input was).
     */
    public static Enhancer.SinkFactory sinkFor(Path output, RasterSource source) {
        String n = output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".png")) {
            return like -> {
                if (like.dataType() != DataType.UINT8 && like.dataType() != DataType.UINT16)
                    throw new UsageException(output, "a PNG holds 8- or 16-bit samples; this " + like.dataType().gdalName()
                            + " image needs a .tif output");
                if (like.bandCount() > 4) throw new UsageException(output, "a PNG holds at most 4 bands; use a .tif output");
                return PngRasterSink.create(output, like.width(), like.height(), like.bandCount(), like.dataType());
            };
        }
        if (!n.endsWith(".tif") && !n.endsWith(".tiff"))
            throw new UsageException(output, "the output must end in .tif, .tiff or .png");
        boolean rgb = source instanceof GeoTiffSource g ? g.isRgb() : BandSelection.colourBands(source.info()) >= 3;
        return like -> GeoTiffSink.builder(output, like).rgb(rgb && like.bandCount() >= 3).build();
    }
}
