package org.aerolux.plugins;

import ij.IJ;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aerolux.core.model.ModelRegistry;

/**
 * The Fiji models folder, {@code Fiji.app/models/aerolux/} (the ONNX files and their {@code registry.json}), kept
 * in a subfolder of its own so it never mixes with other plugins' models. Found as:
 * <ol>
 *   <li>the system property {@code aerolux.models} or the environment variable {@code AEROLUX_MODELS} (a folder, or
 *       its registry.json), as for the command line;</li>
 *   <li>{@code models/aerolux} beside the {@code plugins} folder that holds AeroLux_.jar (the installation);</li>
 *   <li>{@code models/aerolux} under ImageJ's own folder.</li>
 * </ol>
 */
final class FijiModels {
    private FijiModels() {}

    /** The models folder (it may not exist yet: AeroLux Models install=... creates it). */
    static Path folder() {
        String override = System.getProperty("aerolux.models");
        if (override == null || override.isBlank()) override = System.getenv("AEROLUX_MODELS");
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override.trim());
            return p.getFileName() != null && p.getFileName().toString().endsWith(".json") ? p.toAbsolutePath().getParent() : p;
        }
        Path fromJar = besidePlugins();
        if (fromJar != null) return fromJar;
        return Path.of(IJ.getDirectory("imagej"), "models", "aerolux");
    }

    /** The registry of the models folder (empty when it has none). */
    static ModelRegistry registry() {
        return ModelRegistry.loadIfExists(folder().resolve("registry.json"));
    }

    private static Path besidePlugins() {
        try {
            var cs = FijiModels.class.getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null) return null;
            Path jar = Path.of(cs.getLocation().toURI()).toAbsolutePath();
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                if (p.getFileName() != null && p.getFileName().toString().equals("plugins")) {
                    Path models = p.getParent().resolve("models").resolve("aerolux");
                    return Files.isDirectory(models) ? models : null;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
