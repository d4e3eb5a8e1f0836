package org.aerolux.plugins;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.aerolux.core.model.ModelInstaller;
import org.aerolux.core.model.ModelRegistry;
import org.aerolux.core.model.RegistryEntry;

/**
 * {@code AeroLux Models}: lists the model registry of the Fiji models folder ({@link FijiModels}) with each file's
 * sha256 status; {@code install=[file.onnx]} (and optionally {@code sha256=HEX}) first installs a model there,
 * verifying its digest ({@link ModelInstaller}).
 */
public final class ModelsCommand implements PlugIn {
    static final String TITLE = "AeroLux Models";

    @Override
    public void run(String arg) {
        CommandRunner.run(TITLE, () -> {
            GenericDialog gd = Fields.dialog(TITLE);
            gd.addMessage("Models folder: " + FijiModels.folder());
            Fields.file(gd, "Install", "");
            gd.addStringField("sha256 (optional)", "", 40);
            gd.addMessage("Leave Install empty to list the models. The digest of a new model is checked against\n"
                    + "sha256, else MODEL.onnx.sha256 beside it, else the registry's entry of the same name.");
            Fields.show(gd);
            String install = gd.getNextString().trim();
            String sha = gd.getNextString().trim();
            if (!install.isEmpty()) {
                IJ.showStatus(TITLE + ": installing " + Path.of(install).getFileName());
                ModelInstaller.Installed i = ModelInstaller.install(Path.of(install), FijiModels.folder(),
                        sha.isEmpty() ? Optional.empty() : Optional.of(sha));
                String how = switch (i.reference()) {
                    case GIVEN -> "sha256 verified against the given digest";
                    case SIDECAR -> "sha256 verified against " + Path.of(install).getFileName() + ".sha256";
                    case REGISTRY -> "sha256 verified against the registry";
                    case NONE -> "no digest to verify against: recorded sha256 " + i.entry().sha256();
                };
                IJ.log(TITLE + ": installed " + i.entry().name() + " as " + i.entry().file() + " (" + how
                        + (i.replaced() ? "; replaced the earlier entry" : "") + ")");
            }
            list(FijiModels.registry());
        });
    }

    private static void list(ModelRegistry registry) {
        IJ.log(TITLE + ": " + (registry.location() == null ? "no registry" : registry.location()) + " - "
                + registry.entries().size() + " model" + (registry.entries().size() == 1 ? "" : "s"));
        ResultsTable table = new ResultsTable();
        for (RegistryEntry e : registry.entries()) {
            String status = registry.status(e).name().toLowerCase(Locale.ROOT).replace('_', ' ');
            IJ.log(String.format(Locale.ROOT, "  %-16s %-13s %-22s sha256 %s  %s", e.name(), e.type(), e.file().getFileName(), status,
                    e.description()));
            table.addRow();
            table.addValue("Name", e.name());
            table.addValue("Type", e.type());
            table.addValue("File", e.file().toString());
            table.addValue("sha256", status);
            table.addValue("Description", e.description());
        }
        if (!GraphicsEnvironment.isHeadless() && IJ.getInstance() != null) table.show(TITLE);
    }
}
