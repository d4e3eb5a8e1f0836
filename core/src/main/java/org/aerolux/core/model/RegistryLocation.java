package org.aerolux.core.model;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import org.aerolux.core.ModelException;

/**
 * Where the model registry ({@code models/registry.json}) is, for front ends:
 * <ol>
 *   <li>the system property {@code aerolux.models}, else the environment variable {@code AEROLUX_MODELS}: a
 *       folder holding {@code registry.json}, or the registry file itself (it must exist);</li>
 *   <li>{@code models/registry.json} of the installation: in the first folder that has a {@code models} folder,
 *       going up from the jar or classes folder AeroLux runs from (e.g. {@code REPO/cli/target/aerolux-cli.jar}
 *       gives {@code REPO/models/registry.json});</li>
 *   <li>{@code models/registry.json} under the repository named by the system property {@code aerolux.repo}, then
 *       under the working directory.</li>
 * </ol>
 * When none exists the registry is empty (models are then given as .onnx paths).
 */
public final class RegistryLocation {
    /** System property naming the models folder or registry file. */
    public static final String PROPERTY = "aerolux.models";
    /** Environment variable naming the models folder or registry file. */
    public static final String ENV = "AEROLUX_MODELS";
    private static final int MAX_LEVELS = 6;

    private RegistryLocation() {}

    /** The registry file to use (it may not exist: then there is no registry). */
    public static Path find(Class<?> anchor) {
        String override = System.getProperty(PROPERTY);
        String from = "-D" + PROPERTY;
        if (override == null || override.isBlank()) {
            override = System.getenv(ENV);
            from = ENV;
        }
        if (override != null && !override.isBlank()) {
            Path p;
            try {
                p = Path.of(override.trim());
            } catch (InvalidPathException e) {
                throw new ModelException(null, from + " is not a path: " + override);
            }
            Path file = Files.isDirectory(p) ? p.resolve("registry.json") : p;
            if (!Files.isRegularFile(file)) throw new ModelException(file, from + " names no model registry (registry.json)");
            return file.toAbsolutePath().normalize();
        }
        Path installed = fromCodeSource(anchor);
        if (installed != null) return installed;
        String repo = System.getProperty("aerolux.repo");
        if (repo != null && !repo.isBlank()) {
            Path p = Path.of(repo, "models", "registry.json");
            if (Files.isRegularFile(p)) return p.toAbsolutePath().normalize();
        }
        return Path.of("models", "registry.json").toAbsolutePath().normalize();
    }

    /** The registry found by {@link #find}; empty when the file does not exist. */
    public static ModelRegistry load(Class<?> anchor) {
        return ModelRegistry.loadIfExists(find(anchor));
    }

    private static Path fromCodeSource(Class<?> anchor) {
        try {
            CodeSource cs = anchor.getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null) return null;
            Path p = Path.of(cs.getLocation().toURI()).toAbsolutePath().normalize();
            for (int i = 0; i < MAX_LEVELS && p != null; i++, p = p.getParent()) {
                if (Files.isDirectory(p.resolve("models"))) return p.resolve("models").resolve("registry.json");
            }
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
