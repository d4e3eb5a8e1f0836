package org.aerolux.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.aerolux.core.ModelException;
import org.aerolux.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
    @TempDir
    Path tmp;

    /** A registry as models/aerolux_models/registry.py writes it (file relative to the registry folder). */
    private Path registry(String sha, long size) throws Exception {
        Files.createDirectories(tmp.resolve("models/test"));
        Files.copy(TestModels.conv3x3(), tmp.resolve("models/test/conv3x3.onnx"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path reg = tmp.resolve("models/registry.json");
        Files.writeString(reg, """
                {
                  "models": [
                    {
                      "name": "conv-demo",
                      "file": "test/conv3x3.onnx",
                      "type": "segmentation",
                      "sha256": "%s",
                      "size_bytes": %d,
                      "description": "a test model",
                      "card": {"version": "1", "tile_size": 64, "classes": ["background", "bright"]}
                    }
                  ]
                }
                """.formatted(sha, size));
        return reg;
    }

    @Test
    void resolvesANameToAVerifiedFile() throws Exception {
        String sha = Sha256.of(TestModels.conv3x3());
        long size = Files.size(TestModels.conv3x3());
        ModelRegistry r = ModelRegistry.load(registry(sha, size));
        RegistryEntry e = r.require("conv-demo");
        assertEquals(tmp.resolve("models/test/conv3x3.onnx").toAbsolutePath().normalize(), e.file());
        assertEquals("segmentation", e.type());
        assertEquals("64", e.card().get("tile_size"));
        assertEquals("[\"background\",\"bright\"]", e.card().get("classes"));
        assertEquals(ModelRegistry.Status.VERIFIED, r.status(e));
        ResolvedModel m = new ModelResolver(r).resolve("conv-demo");
        assertEquals(e.file(), m.file());
        assertEquals(sha, m.sha256());
        assertTrue(m.verified());
        assertEquals("conv-demo", m.displayName());
        // a plain path resolves too, with its digest computed but not verified
        ResolvedModel p = new ModelResolver(r).resolve(TestModels.identity().toString());
        assertFalse(p.verified());
        assertEquals(Sha256.of(TestModels.identity()), p.sha256());
    }

    @Test
    void refusesADigestMismatch() throws Exception {
        long size = Files.size(TestModels.conv3x3());
        ModelRegistry r = ModelRegistry.load(registry("0".repeat(64), size));
        ModelException e = assertThrows(ModelException.class, () -> new ModelResolver(r).resolve("conv-demo"));
        assertEquals(4, e.exitCode().code());
        assertTrue(e.getMessage().contains("conv3x3.onnx: model 'conv-demo' has sha256 " + Sha256.of(TestModels.conv3x3())
                + " but the registry says " + "0".repeat(64)), e.getMessage());
        assertEquals(ModelRegistry.Status.SHA256_MISMATCH, r.status(r.require("conv-demo")));
        ModelRegistry wrongSize = ModelRegistry.load(registry(Sha256.of(TestModels.conv3x3()), size + 1));
        assertEquals(ModelRegistry.Status.SIZE_MISMATCH, wrongSize.status(wrongSize.require("conv-demo")));
        Files.delete(tmp.resolve("models/test/conv3x3.onnx"));
        assertEquals(ModelRegistry.Status.MISSING, wrongSize.status(wrongSize.require("conv-demo")));
        assertTrue(assertThrows(ModelException.class, () -> new ModelResolver(wrongSize).resolve("conv-demo"))
                .getMessage().contains("its file is missing"));
    }

    @Test
    void unknownNamesAndMissingFilesAreModelErrors() throws Exception {
        ModelRegistry r = ModelRegistry.load(registry(Sha256.of(TestModels.conv3x3()), Files.size(TestModels.conv3x3())));
        ModelException unknown = assertThrows(ModelException.class, () -> new ModelResolver(r).resolve("farseg-huge"));
        assertTrue(unknown.getMessage().contains("unknown model 'farseg-huge'") && unknown.getMessage().contains("conv-demo"),
                unknown.getMessage());
        ModelException missing = assertThrows(ModelException.class, () -> new ModelResolver(r).resolve("nowhere/m.onnx"));
        assertEquals("nowhere/m.onnx: model file not found", missing.getMessage());
        assertTrue(ModelRegistry.loadIfExists(tmp.resolve("none.json")).entries().isEmpty());
    }

    @Test
    void brokenRegistriesAreNamed() throws Exception {
        Path reg = tmp.resolve("registry.json");
        for (String bad : new String[] {"", "[]", "{\"models\": 3}", "{\"models\": [1]}", "{\"models\": [{\"name\": \"a\"}]}",
                "{\"models\": [{\"name\":\"a\",\"file\":\"a.onnx\",\"sha256\":\"xyz\"}]}",
                "{\"models\": [{\"name\":\"a\",\"file\":\"a.onnx\",\"sha256\":\"" + "a".repeat(64) + "\",\"size_bytes\":\"big\"}]}",
                "{\"models\": [{\"name\":\"a\",\"file\":\"\\u0000\",\"sha256\":\"" + "a".repeat(64) + "\"}]}",
                "{".repeat(5000)}) {
            Files.writeString(reg, bad);
            ModelException e = assertThrows(ModelException.class, () -> ModelRegistry.load(reg), bad);
            assertTrue(e.getMessage().startsWith(reg + ": "), e.getMessage());
        }
    }
}
