package org.aerolux.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.aerolux.core.AeroLuxException;
import org.aerolux.core.model.ModelCardParser;

/**
 * The {@code .onnx.json} card sidecar parser on arbitrary text, then the card those keys make (every value of a
 * sidecar is a card value). Only a typed {@link AeroLuxException} is acceptable.
 * Seeds: SidecarFuzzTestInputs/sidecar (the sidecars of the tests, registry cards, Deepness-style keys, broken JSON).
 */
public class SidecarFuzzTest {
    private static final Path NAME = Path.of("fuzz.onnx.json");

    @FuzzTest
    void sidecar(byte[] data) {
        fuzzerTestOneInput(data);
    }

    /** The target, also for Jazzer's own driver (bench/fuzz.sh). */
    public static void fuzzerTestOneInput(byte[] data) {
        try {
            Map<String, String> keys = ModelCardParser.parseSidecar(NAME, new String(data, StandardCharsets.UTF_8));
            ModelCardParser.parse(NAME, keys).toMetadata();
        } catch (AeroLuxException expected) {
            // a bad sidecar or card, said in one line
        }
    }
}
