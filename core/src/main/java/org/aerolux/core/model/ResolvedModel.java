package org.aerolux.core.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A model reference turned into a file on disk.
 *
 * @param file   the ONNX file
 * @param sha256 its digest (checked against the registry when {@code entry} is present)
 * @param entry  the registry entry it came from, if any
 */
public record ResolvedModel(Path file, String sha256, Optional<RegistryEntry> entry) {
    /** The registry name, or the file name. */
    public String displayName() {
        return entry.map(RegistryEntry::name).orElse(file.getFileName().toString());
    }

    /** True when the file was checked against a registry digest. */
    public boolean verified() { return entry.isPresent(); }
}
