package org.aerolux.core.model;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One model of {@code models/registry.json} (written by models/aerolux_models/registry.py).
 *
 * @param name        registry name, e.g. farseg-demo
 * @param file        the ONNX file, resolved against the registry's folder
 * @param type        segmentation or enhancement
 * @param sha256      expected digest of the file (lower-case hex)
 * @param sizeBytes   expected size of the file, or -1 when not recorded
 * @param description free text
 * @param card        the card summary stored in the registry (values as text; lists as JSON)
 */
public record RegistryEntry(String name, Path file, String type, String sha256, long sizeBytes, String description,
                            Map<String, String> card) {
    public RegistryEntry {
        card = Collections.unmodifiableMap(new LinkedHashMap<>(card));
    }
}
