package org.aerolux.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import org.aerolux.core.ModelException;
import org.aerolux.core.model.ModelRegistry;

/**
 * Finds the model registry ({@code models/registry.json}) for commands that take {@code --model NAME}: the system
 * property {@code aerolux.models} or the environment variable {@code AEROLUX_MODELS} (a folder holding
 * registry.json, or the file), else {@code models/registry.json} in the first folder above the running jar or
 * classes that has one (the repository for {@code bin/aerolux}), else under {@code -Daerolux.repo}, else under
 * the working directory. Missing means an empty registry (models are then .onnx paths).
 *
 * <p>Generic: the segmentation branch has the same lookup as core's {@code RegistryLocation}; one of the two
 * should go when they meet.
 */
final class ModelRegistries {
    private ModelRegistries() {}

    static ModelRegistry load() {
        Path file = find();
        return ModelRegistry.loadIfExists(file);
    }

    static Path find() {
        String override = System.getProperty("aerolux.models");
        String from = "-Daerolux.models";
        if (override == null || override.isBlank()) {
            override = System.getenv("AEROLUX_MODELS");
            from = "AEROLUX_MODELS";
        }
        if (override != null && !override.isBlank()) {
            Path p;
            try {
                p = Path.of(override.trim());
            } catch (InvalidPathException e) {
                throw new ModelException(null, from + " is not a path: " + override);
            }
            Path f = Files.isDirectory(p) ? p.resolve("registry.json") : p;
            if (!Files.isRegularFile(f)) throw new ModelException(f, from + " names no model registry (registry.json)");
            return f.toAbsolutePath().normalize();
        }
        try {
            CodeSource cs = ModelRegistries.class.getProtectionDomain().getCodeSource();
            if (cs != null && cs.getLocation() != null) {
                Path p = Path.of(cs.getLocation().toURI()).toAbsolutePath().normalize();
                for (int i = 0; i < 6 && p != null; i++, p = p.getParent()) {
                    Path candidate = p.resolve("models").resolve("registry.json");
                    if (Files.isRegularFile(candidate)) return candidate;
                }
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // fall through to the repository property and the working directory
        }
        String repo = System.getProperty("aerolux.repo");
        if (repo != null && !repo.isBlank() && Files.isRegularFile(Path.of(repo, "models", "registry.json")))
            return Path.of(repo, "models", "registry.json").toAbsolutePath().normalize();
        return Path.of("models", "registry.json").toAbsolutePath().normalize();
    }
}
