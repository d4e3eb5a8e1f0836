package org.aerolux.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.aerolux.core.AeroLuxException;
import org.aerolux.core.model.ModelCardParser;
import org.aerolux.core.model.OnnxModelFile;

/**
 * The ONNX reader (the hand-written protobuf reader of metadata_props, inputs and outputs) and the model card built
 * from that metadata, on arbitrary bytes. Only a typed {@link AeroLuxException} is acceptable.
 * Seeds: ModelCardFuzzTestInputs/onnx (the test models of models/test).
 */
public class ModelCardFuzzTest {
    private static final Path NAME = Path.of("fuzz.onnx");

    @FuzzTest
    void onnx(byte[] data) {
        fuzzerTestOneInput(data);
    }

    /** The target, also for Jazzer's own driver (bench/fuzz.sh). */
    public static void fuzzerTestOneInput(byte[] data) {
        try {
            OnnxModelFile parsed = OnnxModelFile.parse(NAME, data);
            parsed.inputs().forEach(Object::toString);
            ModelCardParser.parse(NAME, parsed.metadata(), OptionalInt.empty()).toMetadata();
            parsed.singleInput(NAME);
        } catch (AeroLuxException expected) {
            // a bad model, said in one line
        }
    }
}
