package org.aerolux.core.provenance;

import java.util.Map;
import java.util.Optional;
import org.aerolux.core.model.ModelCard;
import org.aerolux.core.model.ResolvedModel;

/**
 * The model section: what the user named, the card's name and version, the file and its sha256 (verified when the
 * registry lists that digest), and the whole card.
 *
 * @param reference the registry name or path as given; null for a model handed over in memory
 */
public record ModelInfo(String reference, String name, String version, String registryName, String file, String sha256,
                        boolean sha256Verified, String sha256Note, Map<String, String> card) {
    public static ModelInfo of(String reference, ModelCard card, Optional<ResolvedModel> resolved) {
        ResolvedModel r = resolved.orElse(null);
        return new ModelInfo(reference, card.name(), card.version(), r == null ? null : r.entry().map(e -> e.name()).orElse(null),
                r == null ? null : r.file().toAbsolutePath().normalize().toString(), r == null ? null : r.sha256(), r != null && r.verified(),
                r == null ? "model given in memory; no file digest"
                        : r.verified() ? "matches the registry entry" : "computed from the file; not in the registry, so not verified",
                card.toMetadata());
    }
}
