package org.aerolux.cli.info;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.aerolux.core.model.ClassInfo;
import org.aerolux.core.model.ModelCard;
import org.aerolux.core.model.ModelCardParser;
import org.aerolux.core.model.ModelIo;
import org.aerolux.core.model.OnnxModelFile;
import org.aerolux.core.model.Sha256;
import org.aerolux.core.model.TensorSpec;

/**
 * {@code aerolux info MODEL.onnx}: the model card (and sidecar), the declared input and output, and the file's
 * sha256, read without ONNX Runtime. A file that is not ONNX, a card with a missing or invalid key, or shapes
 * AeroLux cannot run are one-line model errors (exit 4).
 */
public final class ModelCardPrinter implements InfoPrinter {
    @Override
    public boolean accepts(Path file) {
        return file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    @Override
    public void print(Path file, boolean json, PrintWriter out) {
        OnnxModelFile parsed = OnnxModelFile.read(file);
        ModelCard card = ModelCardParser.read(file, parsed);
        ModelIo io = ModelIo.check(file, parsed, card);
        String sha = Sha256.of(file);
        boolean sidecar = Files.exists(ModelCardParser.sidecarOf(file));
        if (json) {
            out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(toJson(file, parsed, card, io, sha, sidecar)));
        } else {
            printText(file, parsed, card, io, sha, sidecar, out);
        }
        out.flush();
    }

    static JsonObject toJson(Path file, OnnxModelFile parsed, ModelCard card, ModelIo io, String sha, boolean sidecar) {
        JsonObject o = new JsonObject();
        o.addProperty("file", file.toString());
        o.addProperty("kind", "model");
        o.addProperty("sha256", sha);
        o.addProperty("producer", parsed.producer());
        o.addProperty("sidecar", sidecar ? ModelCardParser.sidecarOf(file).toString() : null);
        o.add("input", tensor(parsed.inputs().get(0)));
        o.add("output", tensor(parsed.outputs().get(0)));
        o.addProperty("input_channels", io.inputChannels());
        o.addProperty("output_channels", io.outputChannels());
        JsonObject c = new JsonObject();
        for (Map.Entry<String, String> e : card.toMetadata().entrySet()) c.addProperty(e.getKey(), e.getValue());
        o.add("card", c);
        return o;
    }

    private static JsonObject tensor(TensorSpec t) {
        JsonObject o = new JsonObject();
        o.addProperty("name", t.name());
        o.addProperty("shape", t.shapeText());
        return o;
    }

    private static void printText(Path file, OnnxModelFile parsed, ModelCard card, ModelIo io, String sha, boolean sidecar,
                                  PrintWriter out) {
        out.println("File:         " + file);
        out.println("Model:        " + card.name() + " " + card.version() + " (" + card.modelType().cardValue() + ")");
        out.println("sha256:       " + sha);
        out.println("Producer:     " + (parsed.producer().isBlank() ? "unknown" : parsed.producer()));
        if (sidecar) out.println("Sidecar:      " + ModelCardParser.sidecarOf(file) + " (overrides card keys)");
        out.println("Input:        " + parsed.inputs().get(0).name() + " " + parsed.inputs().get(0).shapeText() + ", bands "
                + String.join(", ", card.inputBands()));
        out.println("Output:       " + parsed.outputs().get(0).name() + " " + parsed.outputs().get(0).shapeText() + ", "
                + card.output().cardValue() + ", " + io.outputChannels() + " channels");
        card.binaryThreshold().ifPresent(t -> out.println("Binary:       single-channel sigmoid; " + card.classNames()[1]
                + " where p >= " + num(t) + " (seg_thresh), else " + card.classNames()[0]));
        out.println("Normalise:    (raw / " + num(card.scale()) + " - mean) / std, mean " + card.mean() + ", std " + card.std());
        out.println("Tiles:        " + card.tileSize() + " px, overlap " + card.overlap() + " px, size multiple " + card.sizeMultiple()
                + (io.fixedSize() > 0 ? " (fixed by the model)" : ""));
        out.println("Temperature:  " + num(card.temperature()));
        out.println("Resolution:   " + (card.resolutionM() > 0 ? num(card.resolutionM()) + " m/pixel" : "unknown"));
        out.println("License:      " + card.license());
        out.println("Training:     " + card.training());
        if (!card.classes().isEmpty()) {
            out.println("Classes:      " + card.classCount());
            for (int i = 0; i < card.classCount(); i++) {
                ClassInfo c = card.classes().get(i);
                out.println(String.format(Locale.ROOT, "  %3d  %s  %s", i, c.color(), c.name()));
            }
        }
        if (!card.extras().isEmpty()) {
            out.println("Other keys:");
            card.extras().forEach((k, v) -> out.println("  " + k + " = " + v));
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
