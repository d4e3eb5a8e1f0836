package org.aerolux.segmentation;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aerolux.core.testing.SharedData;

/** The committed FarSeg demo models and their PyTorch parity fixtures (models/fixtures/MODEL, make_farseg_fixtures.py). */
final class FarSegFixtures {
    private FarSegFixtures() {}

    static Path model(String name) { return SharedData.repo().resolve("models").resolve(name + ".onnx"); }

    /** One case: NCHW float32 normalised input and PyTorch's logits; {@code raw} is the uint8 input when the fixture has it. */
    record Case(String name, JsonObject meta, int n, int c, int h, int w, int classes, float[] input, float[] logits, byte[] raw) {}

    static Case read(String model, String name) {
        Path dir = SharedData.repo().resolve("models/fixtures").resolve(model);
        try {
            JsonObject j = JsonParser.parseString(Files.readString(dir.resolve(name + ".json"))).getAsJsonObject();
            var in = j.getAsJsonArray("input_shape");
            var out = j.getAsJsonArray("output_shape");
            byte[] raw = j.has("raw_input") ? Files.readAllBytes(dir.resolve(j.get("raw_input").getAsString())) : null;
            return new Case(name, j, in.get(0).getAsInt(), in.get(1).getAsInt(), in.get(2).getAsInt(), in.get(3).getAsInt(),
                    out.get(1).getAsInt(), floats(dir.resolve(j.get("input").getAsString())),
                    floats(dir.resolve(j.get("output").getAsString())), raw);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** softmax over the class axis of NCHW logits, in double precision. */
    static double[] softmax(float[] z, int n, int c, int h, int w) {
        double[] p = new double[z.length];
        int plane = h * w;
        for (int i = 0; i < n; i++)
            for (int q = 0; q < plane; q++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < c; k++) max = Math.max(max, z[(i * c + k) * plane + q]);
                double sum = 0;
                for (int k = 0; k < c; k++) sum += p[(i * c + k) * plane + q] = Math.exp(z[(i * c + k) * plane + q] - max);
                for (int k = 0; k < c; k++) p[(i * c + k) * plane + q] /= sum;
            }
        return p;
    }

    private static float[] floats(Path f) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
