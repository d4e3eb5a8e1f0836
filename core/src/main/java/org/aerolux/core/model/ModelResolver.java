package org.aerolux.core.model;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import org.aerolux.core.ModelException;

/**
 * Turns what a user types for {@code --model} into a checked file: a registry name (its sha256 verified) or a
 * path to an {@code .onnx} file (its sha256 computed for provenance).
 */
public final class ModelResolver {
    private final ModelRegistry registry;

    public ModelResolver(ModelRegistry registry) { this.registry = registry; }

    /**
     * @throws ModelException for an unknown name, a missing file or a registry digest mismatch
     */
    public ResolvedModel resolve(String reference) {
        if (reference == null || reference.isBlank()) throw new ModelException(null, "no model given");
        var entry = registry.find(reference);
        if (entry.isPresent()) {
            Path file = registry.verifiedFile(entry.get());
            return new ResolvedModel(file, entry.get().sha256(), entry);
        }
        Path path;
        try {
            path = Path.of(reference);
        } catch (InvalidPathException e) {
            throw unknown(reference);
        }
        if (Files.isRegularFile(path)) return new ResolvedModel(path, Sha256.of(path), java.util.Optional.empty());
        if (looksLikePath(reference)) throw new ModelException(path, "model file not found");
        throw unknown(reference);
    }

    private ModelException unknown(String reference) {
        String names = registry.entries().isEmpty() ? "none"
                : String.join(", ", registry.entries().stream().map(RegistryEntry::name).toList());
        return new ModelException(null, "unknown model '" + reference + "': not a registry name (known: " + names
                + ") and not an .onnx file");
    }

    private static boolean looksLikePath(String reference) {
        return reference.toLowerCase(Locale.ROOT).endsWith(".onnx") || reference.contains("/") || reference.contains("\\");
    }
}
