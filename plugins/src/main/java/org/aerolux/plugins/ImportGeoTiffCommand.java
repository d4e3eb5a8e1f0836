package org.aerolux.plugins;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import java.nio.file.Path;
import org.aerolux.core.BadInputException;
import org.aerolux.core.raster.Georeference;
import org.aerolux.plugins.image.GeoTiffImport;
import org.aerolux.plugins.image.ImageGeoreference;

/**
 * {@code AeroLux Import GeoTIFF}, key {@code path=[file]}: opens a GeoTIFF as an image (one slice per band) that
 * keeps its CRS, grid-to-CRS transform, nodata and band names (see {@link ImageGeoreference}).
 */
public final class ImportGeoTiffCommand implements PlugIn {
    static final String TITLE = "AeroLux Import GeoTIFF";
    private static String lastPath = "";

    @Override
    public void run(String arg) {
        CommandRunner.run(TITLE, () -> {
            GenericDialog gd = Fields.dialog(TITLE);
            Fields.file(gd, "Path", MacroOptions.initial(lastPath, ""));
            gd.addMessage("Multi-band rasters open as a stack, one slice per band; the georeferencing stays\n"
                    + "with the image through Duplicate, Crop and Scale and is used by AeroLux Export GeoTIFF.");
            Fields.show(gd);
            String text = gd.getNextString().trim();
            if (text.isEmpty()) throw new BadInputException(null, "no file given (path=[file])");
            Path file = Path.of(text);
            if (!MacroOptions.isMacro()) lastPath = text;
            IJ.showStatus(TITLE + ": reading " + file.getFileName());
            ImagePlus imp = GeoTiffImport.read(file, f -> IJ.showProgress(f));
            IJ.showProgress(1.0);
            imp.show();
            Georeference g = ImageGeoreference.of(imp);
            IJ.showStatus(TITLE + ": " + imp.getTitle() + " " + imp.getWidth() + " x " + imp.getHeight()
                    + (g.crs().isPresent() ? ", " + g.crs().get().label() : ", no CRS"));
        });
    }
}
