package org.aerolux.core.model;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.aerolux.core.ModelException;
import org.aerolux.core.testing.SharedData;
import org.aerolux.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelInstallerTest {
    private static Path model() { return TestModels.conv3x3(); }

    @Test
    void installsWithTheGivenDigestAndRegistersTheModel(@TempDir Path dir) {
        Path folder = dir.resolve("models").resolve("aerolux");
        String sha = Sha256.of(model());
        ModelInstaller.Installed i = ModelInstaller.install(model(), folder, Optional.of(sha.toUpperCase()));
        assertEquals(ModelInstaller.Reference.GIVEN, i.reference());
        assertFalse(i.replaced());
        ModelRegistry r = ModelRegistry.load(folder.resolve("registry.json"));
        RegistryEntry e = r.require(i.entry().name());
        assertEquals(sha, e.sha256());
        assertEquals(ModelRegistry.Status.VERIFIED, r.status(e));
        assertEquals(folder.resolve("conv3x3.onnx"), e.file());
        // again: the entry is replaced, not duplicated, and the registry's digest is the reference now
        ModelInstaller.Installed again = ModelInstaller.install(model(), folder, Optional.empty());
        assertTrue(again.replaced());
        assertEquals(ModelInstaller.Reference.REGISTRY, again.reference());
        assertEquals(1, ModelRegistry.load(folder.resolve("registry.json")).entries().size());
    }

    @Test
    void aWrongDigestInstallsNothing(@TempDir Path dir) throws Exception {
        Path src = Files.copy(model(), dir.resolve("m.onnx"));
        Files.writeString(dir.resolve("m.onnx.sha256"), "0".repeat(64) + "  m.onnx\n");
        Path folder = dir.resolve("installed");
        ModelException e = assertThrows(ModelException.class, () -> ModelInstaller.install(src, folder, Optional.empty()));
        assertTrue(e.getMessage().contains("differs from the expected") && e.getMessage().contains("(sidecar)"), e.getMessage());
        assertFalse(Files.exists(folder));
        // the right sidecar passes
        Files.writeString(dir.resolve("m.onnx.sha256"), Sha256.of(src) + "  m.onnx\n");
        assertEquals(ModelInstaller.Reference.SIDECAR, ModelInstaller.install(src, folder, Optional.empty()).reference());
        assertTrue(Files.isRegularFile(folder.resolve("m.onnx")));
    }

    @Test
    void aCardSidecarIsInstalledWithItsModel(@TempDir Path dir) throws Exception {
        Path src = Files.copy(TestModels.identity(), dir.resolve("seg.onnx"));
        Files.writeString(dir.resolve("seg.onnx.json"), """
                {"aerolux.model_type": "segmentation", "aerolux.name": "seg-test", "aerolux.version": "1",
                 "aerolux.classes": [{"name": "a", "color": "#ff0000"}, {"name": "b", "color": "#00ff00"}, {"name": "c", "color": "#0000ff"}],
                 "aerolux.output": "logits"}
                """);
        Path folder = dir.resolve("installed");
        assertEquals("seg-test", ModelInstaller.install(src, folder, Optional.empty()).entry().name());
        assertEquals(Files.readString(dir.resolve("seg.onnx.json")), Files.readString(folder.resolve("seg.onnx.json")));
    }

    @Test
    void aFileWithoutACardIsRefused(@TempDir Path dir) throws Exception {
        Path notOnnx = Files.writeString(dir.resolve("x.onnx"), "not a model");
        assertThrows(ModelException.class, () -> ModelInstaller.install(notOnnx, dir.resolve("f"), Optional.empty()));
        assertThrows(ModelException.class, () -> ModelInstaller.install(SharedData.repo().resolve("pom.xml"), dir.resolve("f"), Optional.empty()));
        assertFalse(Files.exists(dir.resolve("f").resolve("registry.json")));
    }
}
