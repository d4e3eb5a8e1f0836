package org.aerolux.enhancement;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import org.aerolux.core.inference.InferenceOptions;
import org.aerolux.core.inference.OnnxModelLoader;
import org.aerolux.core.model.Model;
import org.aerolux.core.model.ModelRegistry;
import org.aerolux.core.testing.SharedData;

/** The committed CUE models and their PyTorch parity fixtures (models/fixtures/NAME, written by export_cue.py). */
final class CueFixtures {
    private CueFixtures() {}

    static Path model() { return model("cue-demo"); }

    static Path model(String name) { return SharedData.repo().resolve("models/" + name + ".onnx"); }

    static ModelRegistry registry() { return ModelRegistry.load(SharedData.repo().resolve("models/registry.json")); }

    /** cue-demo on the CPU with 2 threads (the machine has 2 cores). */
    static Model load() { return load("cue-demo"); }

    /** A committed CUE model on the CPU with 2 threads. */
    static Model load(String name) { return OnnxModelLoader.load(model(name), InferenceOptions.cpu(2)); }

    /** One fixture case: NCHW float32 input and PyTorch's unclamped output. */
    record Case(String name, int n, int c, int h, int w, float[] input, float[] output) {
        /** Image {@code i} of the input as an ImgLib2 image [x, y, c]. */
        ArrayImg<FloatType, FloatArray> inputImage(int i) { return image(input, i); }

        float[] outputPlanes(int i) {
            float[] out = new float[c * h * w];
            System.arraycopy(output, i * c * h * w, out, 0, out.length);
            return out;
        }

        private ArrayImg<FloatType, FloatArray> image(float[] data, int i) {
            float[] one = new float[c * h * w];
            System.arraycopy(data, i * c * h * w, one, 0, one.length);
            return ArrayImgs.floats(one, w, h, c); // NCHW planes = ImgLib2 [x, y, c]
        }
    }

    static Case read(String name) { return read("cue-demo", name); }

    static Case read(String model, String name) {
        Path dir = SharedData.repo().resolve("models/fixtures/" + model);
        try {
            JsonObject j = JsonParser.parseString(Files.readString(dir.resolve(name + ".json"))).getAsJsonObject();
            var shape = j.getAsJsonArray("input_shape");
            int n = shape.get(0).getAsInt(), c = shape.get(1).getAsInt(), h = shape.get(2).getAsInt(), w = shape.get(3).getAsInt();
            return new Case(name, n, c, h, w, floats(dir.resolve(j.get("input").getAsString())),
                    floats(dir.resolve(j.get("output").getAsString())));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static float[] floats(Path f) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
