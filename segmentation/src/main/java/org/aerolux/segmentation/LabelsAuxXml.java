package org.aerolux.segmentation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.aerolux.core.io.AtomicOutput;
import org.aerolux.core.model.ClassInfo;

/**
 * The GDAL PAM sidecar {@code STEM_labels.tif.aux.xml} that names the label values: GDAL (gdalinfo
 * "Categories:") and QGIS show the class names. The TIFF itself carries the palette and a band description.
 */
public final class LabelsAuxXml {
    private LabelsAuxXml() {}

    /** The sidecar path of a labels file. */
    public static Path of(Path labels) { return labels.resolveSibling(labels.getFileName() + ".aux.xml"); }

    /** The XML text. */
    public static String text(List<ClassInfo> classes) {
        StringBuilder sb = new StringBuilder("<PAMDataset>\n  <PAMRasterBand band=\"1\">\n    <CategoryNames>\n");
        for (ClassInfo c : classes) sb.append("      <Category>").append(escape(c.name())).append("</Category>\n");
        return sb.append("    </CategoryNames>\n  </PAMRasterBand>\n</PAMDataset>\n").toString();
    }

    /** Writes the sidecar atomically. */
    public static void write(Path labels, List<ClassInfo> classes) {
        byte[] bytes = text(classes).getBytes(StandardCharsets.UTF_8);
        AtomicOutput.write(of(labels), out -> out.write(bytes));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
