package org.aerolux.core.model;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.aerolux.core.ModelException;
import org.aerolux.core.UsageException;
import org.aerolux.core.io.AtomicOutput;

/**
 * Installs an {@code .onnx} model into a models folder: checks its card (it must be an AeroLux model), verifies
 * its sha256 against the expected digest (given, else a sidecar {@code MODEL.onnx.sha256} as written by
 * {@code sha256sum}, else the registry's entry of the same name; with none of them the digest is recorded, trust
 * on first use), copies it (and a card sidecar {@code MODEL.onnx.json}, if any) atomically, checks the copy, and adds or replaces its entry in the folder's
 * {@code registry.json}. Front-end neutral: the Fiji command "AeroLux Models" uses it.
 */
public final class ModelInstaller {
    private ModelInstaller() {}

    /** Where the expected digest came from. */
    public enum Reference { GIVEN, SIDECAR, REGISTRY, NONE }

    /**
     * @param entry     the registry entry now in place
     * @param reference what the digest was checked against ({@link Reference#NONE}: recorded only)
     * @param replaced  true when an entry of that name was replaced
     */
    public record Installed(RegistryEntry entry, Reference reference, boolean replaced) {}

    /**
     * @param model        the .onnx file to install
     * @param folder       the models folder (created when missing); its registry.json is updated
     * @param expectedSha  the expected sha256 (hex), or empty
     * @throws ModelException for a file that is not a valid AeroLux model or whose digest differs (nothing is
     *         changed then)
     * @throws UsageException when the folder cannot be written
     */
    public static Installed install(Path model, Path folder, Optional<String> expectedSha) {
        if (!Files.isRegularFile(model)) throw new ModelException(model, "model file not found");
        if (!model.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx"))
            throw new ModelException(model, "not an .onnx file");
        ModelCard card = ModelCardParser.read(model, OnnxModelFile.read(model));
        Path registryFile = folder.resolve("registry.json");
        ModelRegistry registry = ModelRegistry.loadIfExists(registryFile);
        String actual = Sha256.of(model);
        Reference reference = Reference.NONE;
        String expected = null;
        if (expectedSha.isPresent() && !expectedSha.get().isBlank()) {
            expected = expectedSha.get().trim().toLowerCase(Locale.ROOT);
            reference = Reference.GIVEN;
        } else {
            Optional<String> sidecar = sidecar(model);
            if (sidecar.isPresent()) {
                expected = sidecar.get();
                reference = Reference.SIDECAR;
            } else if (registry.find(card.name()).isPresent()) {
                expected = registry.find(card.name()).get().sha256();
                reference = Reference.REGISTRY;
            }
        }
        if (expected != null && !expected.matches("[0-9a-f]{64}"))
            throw new ModelException(model, "the expected sha256 is not 64 hex digits: " + expected);
        if (expected != null && !expected.equals(actual))
            throw new ModelException(model, "sha256 " + actual + " differs from the expected " + expected + " ("
                    + reference.name().toLowerCase(Locale.ROOT) + "); the file is damaged or another version; nothing was installed");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UsageException(folder, "cannot create the models folder: " + e.getMessage(), e);
        }
        Path target = folder.resolve(model.getFileName().toString());
        boolean same = Files.exists(target) && sameFile(model, target);
        if (!same) {
            AtomicOutput.write(target, out -> Files.copy(model, out));
            String copied = Sha256.of(target);
            if (!copied.equals(actual)) throw new ModelException(target, "the copy has sha256 " + copied + ", not " + actual);
            // a card kept beside the model (MODEL.onnx.json) goes with it
            Path card0 = ModelCardParser.sidecarOf(model);
            if (Files.isRegularFile(card0)) AtomicOutput.write(ModelCardParser.sidecarOf(target), out -> Files.copy(card0, out));
        }
        long size;
        try {
            size = Files.size(target);
        } catch (IOException e) {
            throw new ModelException(target, "cannot read the installed model: " + e.getMessage(), e);
        }
        boolean replaced = registry.find(card.name()).isPresent();
        writeRegistry(registryFile, card, target.getFileName().toString(), actual, size);
        RegistryEntry entry = ModelRegistry.load(registryFile).require(card.name());
        return new Installed(entry, reference, replaced);
    }

    /** The digest in {@code MODEL.onnx.sha256} ("HEX" or "HEX  name"), if that file exists. */
    static Optional<String> sidecar(Path model) {
        Path f = model.resolveSibling(model.getFileName() + ".sha256");
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            String text = Files.readString(f, StandardCharsets.UTF_8).trim();
            String hex = text.split("\\s+")[0].toLowerCase(Locale.ROOT);
            return Optional.of(hex);
        } catch (IOException e) {
            throw new ModelException(f, "cannot read the sha256 file: " + e.getMessage(), e);
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static void writeRegistry(Path registryFile, ModelCard card, String file, String sha, long size) {
        JsonObject root;
        try {
            root = Files.exists(registryFile) ? JsonText.parse(Files.readString(registryFile, StandardCharsets.UTF_8)).getAsJsonObject()
                    : new JsonObject();
        } catch (IOException | RuntimeException e) {
            throw new ModelException(registryFile, "cannot read the model registry: " + e.getMessage(), e);
        }
        JsonArray models = root.has("models") && root.get("models").isJsonArray() ? root.getAsJsonArray("models") : new JsonArray();
        JsonArray kept = new JsonArray();
        for (JsonElement e : models) {
            if (e.isJsonObject() && e.getAsJsonObject().has("name") && e.getAsJsonObject().get("name").getAsString().equals(card.name()))
                continue;
            kept.add(e);
        }
        JsonObject entry = new JsonObject();
        entry.addProperty("name", card.name());
        entry.addProperty("file", file);
        entry.addProperty("type", card.modelType().cardValue());
        entry.addProperty("sha256", sha);
        entry.addProperty("size_bytes", size);
        entry.addProperty("description", card.training().isBlank() ? card.name() + " " + card.version() : card.training());
        JsonObject c = new JsonObject();
        c.addProperty("version", card.version());
        c.addProperty("tile_size", card.tileSize());
        c.addProperty("overlap", card.overlap());
        c.addProperty("license", card.license());
        entry.add("card", c);
        kept.add(entry);
        root.add("models", kept);
        AtomicOutput.write(registryFile, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root, w);
            w.write("\n");
            w.flush();
        });
    }
}
