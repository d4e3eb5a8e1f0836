package org.aerolux.plugins;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import java.io.File;
import java.nio.file.Path;
import org.aerolux.core.UsageException;
import org.aerolux.core.raster.Georeference;
import org.aerolux.plugins.image.GeoTiffExport;
import org.aerolux.plugins.image.GeoTiffImport;
import org.aerolux.plugins.image.ImageGeoreference;

/**
 * {@code AeroLux Export GeoTIFF}, key {@code path=[file]}: writes the current image as a tiled, Deflate GeoTIFF
 * with the georeferencing it carries (shifted to follow crops), nodata and band names.
 */
public final class ExportGeoTiffCommand implements PlugIn {
    static final String TITLE = "AeroLux Export GeoTIFF";

    @Override
    public void run(String arg) {
        CommandRunner.run(TITLE, () -> {
            ImagePlus imp = Images.current(TITLE);
            GenericDialog gd = Fields.dialog(TITLE);
            Fields.file(gd, "Path", MacroOptions.isMacro() ? "" : suggestedPath(imp));
            gd.addMessage(ImageGeoreference.isGeoreferenced(imp) ? "The image carries georeferencing; it is written with it."
                    : "The image carries no georeferencing: a plain TIFF is written.");
            Fields.show(gd);
            String text = gd.getNextString().trim();
            if (text.isEmpty()) throw new UsageException(null, "no file given (path=[file])");
            Path target = Path.of(text);
            IJ.showStatus(TITLE + ": writing " + target.getFileName());
            GeoTiffExport.write(imp, target, f -> IJ.showProgress(f));
            IJ.showProgress(1.0);
            Georeference g = ImageGeoreference.of(imp);
            IJ.showStatus(TITLE + ": wrote " + target.getFileName());
            IJ.log(TITLE + ": wrote " + target + " (" + imp.getWidth() + " x " + imp.getHeight() + ", "
                    + g.crs().map(c -> c.label()).orElse("no CRS")
                    + g.transform().map(t -> ", origin " + t.originX() + ", " + t.originY()).orElse("") + ")");
        });
    }

    private static String suggestedPath(ImagePlus imp) {
        String dir = IJ.getDirectory("image");
        String source = imp.getProp(GeoTiffImport.SOURCE);
        if (dir == null && source != null) dir = new File(source).getParent() + File.separator;
        if (dir == null) dir = IJ.getDirectory("default");
        String stem = Images.stem(imp.getTitle());
        String path = (dir == null ? "" : dir) + stem + ".tif";
        if (source != null && new File(path).getAbsoluteFile().equals(new File(source).getAbsoluteFile()))
            path = (dir == null ? "" : dir) + stem + "_aerolux.tif";
        return path;
    }
}
