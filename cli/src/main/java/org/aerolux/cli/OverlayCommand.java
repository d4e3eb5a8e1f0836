package org.aerolux.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.aerolux.core.BadInputException;
import org.aerolux.core.UsageException;
import org.aerolux.core.raster.GeoTiffSource;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.core.raster.Rasters;
import org.aerolux.segmentation.OverlayPng;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code aerolux overlay IMAGE LABELS OUT.png}: the image with its labels painted over it, for people. */
@Command(name = "overlay", mixinStandardHelpOptions = true,
        description = "Paint a label raster (e.g. STEM_labels.tif, with its palette) half-transparently over its image and"
                + " write a PNG with a legend; large images are sampled down.")
final class OverlayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "the image (GeoTIFF)")
    Path image;

    @Parameters(index = "1", paramLabel = "LABELS", description = "uint8 labels with a colour table, the image's size")
    Path labels;

    @Parameters(index = "2", paramLabel = "OUT.png", description = "the PNG to write")
    Path output;

    @Option(names = "--bands", paramLabel = "R,G,B", description = "1-based image bands shown as red, green, blue (default 1,2,3,"
            + " or 1,1,1 for one band)")
    String bands;

    @Option(names = "--alpha", defaultValue = "0.5", description = "opacity of the labels, 0 to 1 (default ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--max-size", defaultValue = "2048", description = "longest side of the PNG in pixels (default ${DEFAULT-VALUE})")
    int maxSize;

    @Option(names = "--background", description = "paint class 0 too (by default it is left clear)")
    boolean background;

    @Override
    public Integer call() {
        if (alpha < 0 || alpha > 1) throw new UsageException(null, "--alpha must be between 0 and 1, got " + alpha);
        if (maxSize < 16) throw new UsageException(null, "--max-size must be at least 16, got " + maxSize);
        try (RasterSource img = Rasters.open(image); GeoTiffSource lab = GeoTiffSource.open(labels)) {
            if (img.info().width() != lab.info().width() || img.info().height() != lab.info().height())
                throw new BadInputException(labels, "the labels are " + lab.info().width() + " x " + lab.info().height()
                        + " pixels but the image is " + img.info().width() + " x " + img.info().height());
            int[] palette = lab.palette().orElseThrow(() -> new BadInputException(labels, "the labels have no colour table"));
            int[] b = bandList(img.info().bandCount());
            var png = OverlayPng.render(img, b, lab, Arrays.copyOf(palette, 256), OverlayPng.classNames(labels),
                    new OverlayPng.Style(alpha, background, maxSize));
            OverlayPng.write(png, output);
        }
        spec.commandLine().getOut().println(output);
        return 0;
    }

    private int[] bandList(int count) {
        int[] b;
        if (bands == null) b = count >= 3 ? new int[] {1, 2, 3} : new int[] {1, 1, 1};
        else {
            try {
                b = Arrays.stream(bands.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            } catch (NumberFormatException e) {
                throw new UsageException(null, "--bands must be three band numbers such as 3,2,1, got '" + bands + "'");
            }
        }
        if (b.length != 3) throw new UsageException(null, "--bands needs three bands (red, green, blue), got " + b.length);
        for (int v : b)
            if (v < 1 || v > count) throw new UsageException(null, "--bands: band " + v + " does not exist; the image has " + count);
        return Arrays.stream(b).map(v -> v - 1).toArray();
    }
}
