package org.aerolux.core.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.aerolux.core.ModelException;

/**
 * The model registry, {@code models/registry.json}:
 * {@code {"models":[{"name","file","type","sha256","size_bytes","description","card":{...}}]}} with each file
 * relative to the registry's folder. A model taken from the registry is checked against its sha256 before use.
 */
public final class ModelRegistry {
    static final int MAX_REGISTRY_BYTES = 16 << 20;

    /** Outcome of checking one entry's file. */
    public enum Status { VERIFIED, MISSING, SIZE_MISMATCH, SHA256_MISMATCH }

    private final Path location;
    private final List<RegistryEntry> entries;

    private ModelRegistry(Path location, List<RegistryEntry> entries) {
        this.location = location;
        this.entries = List.copyOf(entries);
    }

    /** A registry with no models (no file). */
    public static ModelRegistry empty() { return new ModelRegistry(null, List.of()); }

    /** Loads a registry; a missing file gives an empty registry, a broken one a {@link ModelException}. */
    public static ModelRegistry loadIfExists(Path registryJson) {
        return Files.exists(registryJson) ? load(registryJson) : new ModelRegistry(registryJson, List.of());
    }

    /** Loads a registry file; a missing or malformed file is a {@link ModelException} naming it. */
    public static ModelRegistry load(Path registryJson) {
        String text;
        try {
            if (Files.size(registryJson) > MAX_REGISTRY_BYTES)
                throw new ModelException(registryJson, "model registry is larger than " + MAX_REGISTRY_BYTES + " bytes");
            try (InputStream in = Files.newInputStream(registryJson)) {
                text = new String(in.readNBytes(MAX_REGISTRY_BYTES), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new ModelException(registryJson, "cannot read the model registry: " + e.getMessage(), e);
        }
        return parse(registryJson, text);
    }

    /** Parses registry text; {@code registryJson} names it and is the folder files resolve against. */
    public static ModelRegistry parse(Path registryJson, String text) {
        try {
            JsonElement root = JsonText.parse(text);
            if (!root.isJsonObject() || !root.getAsJsonObject().has("models") || !root.getAsJsonObject().get("models").isJsonArray())
                throw bad(registryJson, "expected {\"models\": [...]}");
            Path folder = registryJson.toAbsolutePath().getParent();
            List<RegistryEntry> entries = new ArrayList<>();
            JsonArray models = root.getAsJsonObject().getAsJsonArray("models");
            for (int i = 0; i < models.size(); i++) {
                if (!models.get(i).isJsonObject()) throw bad(registryJson, "entry " + i + " is not an object");
                entries.add(entry(registryJson, folder, i, models.get(i).getAsJsonObject()));
            }
            return new ModelRegistry(registryJson, entries);
        } catch (ModelException e) {
            throw e;
        } catch (RuntimeException e) {
            throw bad(registryJson, e.getMessage());
        }
    }

    private static RegistryEntry entry(Path registryJson, Path folder, int i, JsonObject o) {
        String name = requiredString(registryJson, o, "name", i);
        String file = requiredString(registryJson, o, "file", i);
        String sha = requiredString(registryJson, o, "sha256", i).toLowerCase(Locale.ROOT);
        if (!sha.matches("[0-9a-f]{64}")) throw bad(registryJson, "model " + name + ": sha256 is not 64 hex digits");
        String type = optionalString(o, "type");
        String description = optionalString(o, "description");
        long size = -1;
        if (o.has("size_bytes")) {
            JsonElement s = o.get("size_bytes");
            if (!s.isJsonPrimitive() || !s.getAsJsonPrimitive().isNumber()) throw bad(registryJson, "model " + name + ": size_bytes is not a number");
            double d = s.getAsDouble();
            if (d < 0 || d != Math.rint(d) || d > Long.MAX_VALUE) throw bad(registryJson, "model " + name + ": size_bytes is not a whole number");
            size = (long) d;
        }
        Map<String, String> card = new LinkedHashMap<>();
        if (o.has("card") && o.get("card").isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("card").entrySet()) {
                JsonElement v = e.getValue();
                card.put(e.getKey(), v.isJsonPrimitive() ? v.getAsString() : v.toString());
            }
        }
        return new RegistryEntry(name, folder.resolve(file).normalize(), type, sha, size, description, card);
    }

    private static String requiredString(Path registryJson, JsonObject o, String key, int i) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive() || e.getAsString().isBlank())
            throw bad(registryJson, "entry " + i + " lacks \"" + key + "\"");
        return e.getAsString();
    }

    private static String optionalString(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }

    private static ModelException bad(Path registryJson, String problem) {
        return new ModelException(registryJson, "invalid model registry: " + problem);
    }

    /** The registry file, or null for {@link #empty()}. */
    public Path location() { return location; }

    public List<RegistryEntry> entries() { return entries; }

    public Optional<RegistryEntry> find(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The entry of that name, or a {@link ModelException} listing the known names. */
    public RegistryEntry require(String name) {
        return find(name).orElseThrow(() -> new ModelException(location, "unknown model '" + name + "'; the registry has: "
                + (entries.isEmpty() ? "no models" : entries.stream().map(RegistryEntry::name).collect(Collectors.joining(", ")))));
    }

    /** Checks the file of an entry without throwing (for listings). */
    public Status status(RegistryEntry entry) {
        try {
            verify(entry);
            return Status.VERIFIED;
        } catch (RegistryMismatch m) {
            return m.status;
        }
    }

    /**
     * The entry's file after checking that it exists and matches the registry's size and sha256; otherwise a
     * {@link ModelException} that says what differs.
     */
    public Path verifiedFile(RegistryEntry entry) {
        try {
            verify(entry);
            return entry.file();
        } catch (RegistryMismatch m) {
            throw new ModelException(entry.file(), m.getMessage());
        }
    }

    private void verify(RegistryEntry entry) throws RegistryMismatch {
        Path f = entry.file();
        if (!Files.isRegularFile(f))
            throw new RegistryMismatch(Status.MISSING, "model '" + entry.name() + "' is in the registry but its file is missing");
        long size;
        try {
            size = Files.size(f);
        } catch (IOException e) {
            throw new RegistryMismatch(Status.MISSING, "model '" + entry.name() + "': cannot read its file: " + e.getMessage());
        }
        if (entry.sizeBytes() >= 0 && size != entry.sizeBytes())
            throw new RegistryMismatch(Status.SIZE_MISMATCH, "model '" + entry.name() + "' is " + size + " bytes but the registry says "
                    + entry.sizeBytes() + "; the file was changed or is incomplete (re-export it or update " + registryName() + ")");
        String actual = Sha256.of(f);
        if (!actual.equals(entry.sha256()))
            throw new RegistryMismatch(Status.SHA256_MISMATCH, "model '" + entry.name() + "' has sha256 " + actual
                    + " but the registry says " + entry.sha256() + "; the file was changed or corrupted (re-export it or update "
                    + registryName() + ")");
    }

    private String registryName() { return location == null ? "the registry" : location.toString(); }

    private static final class RegistryMismatch extends Exception {
        final Status status;

        RegistryMismatch(Status status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
