package org.aerolux.core.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The immutable model card: the {@code aerolux.*} keys of INTERFACE.md, parsed and checked
 * (see {@link ModelCardParser}). Normalisation of a raw value of input band {@code i} is
 * {@code (raw / scale - mean[i]) / std[i]}.
 *
 * @param modelType    segmentation or enhancement
 * @param name         model name
 * @param version      model version
 * @param classes      segmentation classes in output-channel order (empty for enhancement)
 * @param inputBands   band roles in model order, e.g. red, green, blue
 * @param scale        divisor applied to raw values before mean and std
 * @param mean         per input band
 * @param std          per input band (never zero)
 * @param tileSize     default tile edge in pixels (a multiple of sizeMultiple)
 * @param overlap      default overlap between neighbouring tiles in pixels
 * @param sizeMultiple input height and width must be multiples of this
 * @param output       logits, probabilities or image
 * @param binaryThreshold present for a single-channel (sigmoid) segmentation model, Deepness' binary form: its one
 *                     output channel is the foreground probability (or logit, for {@code logits}), the classes are
 *                     background and foreground, and a pixel is foreground where that probability is at least this
 *                     threshold (Deepness' {@code seg_thresh}, default 0.5); empty for every other model
 * @param temperature  calibration temperature for logits (1 = none)
 * @param resolutionM  ground sampling distance the model was trained at, metres per pixel (0 = unknown)
 * @param license      licence of the weights
 * @param training     one-line summary of the training
 * @param extras       every other metadata key, verbatim
 */
public record ModelCard(ModelType modelType, String name, String version, List<ClassInfo> classes,
                        List<String> inputBands, double scale, List<Double> mean, List<Double> std,
                        int tileSize, int overlap, int sizeMultiple, OutputKind output, OptionalDouble binaryThreshold,
                        double temperature,
                        double resolutionM, String license, String training, Map<String, String> extras) {
    public ModelCard {
        if (binaryThreshold.isPresent()) {
            double t = binaryThreshold.getAsDouble();
            if (classes.size() != 2 || !(t > 0 && t < 1))
                throw new IllegalArgumentException("a binary card has 2 classes and a threshold in (0, 1): " + classes.size() + ", " + t);
        }
        classes = List.copyOf(classes);
        inputBands = List.copyOf(inputBands);
        mean = List.copyOf(mean);
        std = List.copyOf(std);
        extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    /** Card key: peak bytes of activations per input pixel of a tile (optional). */
    public static final String ACTIVATION_KEY = "aerolux.activation_bytes_per_pixel";
    /** Activation bytes per pixel when the card does not say (or says nothing readable): conservative, float32 nets. */
    public static final long DEFAULT_ACTIVATION_BYTES_PER_PIXEL = 4096;

    /** The card's {@value #ACTIVATION_KEY} (a positive number, rounded), or {@link #DEFAULT_ACTIVATION_BYTES_PER_PIXEL}. */
    public long activationBytesPerPixel() {
        String v = extras.get(ACTIVATION_KEY);
        if (v != null) {
            try {
                long b = Math.round(Double.parseDouble(v.trim()));
                if (b > 0) return b;
            } catch (NumberFormatException e) {
                // an unreadable estimate falls back to the default
            }
        }
        return DEFAULT_ACTIVATION_BYTES_PER_PIXEL;
    }

    /** Number of input bands the model takes. */
    public int bandCount() { return inputBands.size(); }

    /** Number of classes (0 for enhancement models). */
    public int classCount() { return classes.size(); }

    /** Output channels the card implies: one per class (one for a binary model), or one per input band for an image. */
    public int expectedOutputChannels() {
        if (output == OutputKind.IMAGE) return inputBands.size();
        return isBinary() ? 1 : classes.size();
    }

    /** True for a single-channel (sigmoid) model: see {@code binaryThreshold}. */
    public boolean isBinary() { return binaryThreshold.isPresent(); }

    public String[] classNames() { return classes.stream().map(ClassInfo::name).toArray(String[]::new); }

    /** The card as {@code aerolux.*} metadata strings (lists as JSON), plus the extras: for provenance files. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(ModelCardParser.MODEL_TYPE, modelType.cardValue());
        m.put(ModelCardParser.NAME, name);
        m.put(ModelCardParser.VERSION, version);
        if (modelType == ModelType.SEGMENTATION) {
            JsonArray a = new JsonArray();
            for (ClassInfo c : classes) {
                JsonObject o = new JsonObject();
                o.addProperty("name", c.name());
                o.addProperty("color", c.color());
                a.add(o);
            }
            m.put(ModelCardParser.CLASSES, a.toString());
        }
        JsonArray bands = new JsonArray();
        inputBands.forEach(bands::add);
        m.put(ModelCardParser.INPUT_BANDS, bands.toString());
        m.put(ModelCardParser.SCALE, Double.toString(scale));
        m.put(ModelCardParser.MEAN, numbers(mean));
        m.put(ModelCardParser.STD, numbers(std));
        m.put(ModelCardParser.TILE_SIZE, Integer.toString(tileSize));
        m.put(ModelCardParser.OVERLAP, Integer.toString(overlap));
        m.put(ModelCardParser.SIZE_MULTIPLE, Integer.toString(sizeMultiple));
        m.put(ModelCardParser.OUTPUT, output.cardValue());
        binaryThreshold.ifPresent(t -> m.put(ModelCardParser.SEG_THRESH, Double.toString(t)));
        m.put(ModelCardParser.TEMPERATURE, Double.toString(temperature));
        m.put(ModelCardParser.RESOLUTION_M, Double.toString(resolutionM));
        m.put(ModelCardParser.LICENSE, license);
        m.put(ModelCardParser.TRAINING, training);
        m.putAll(extras);
        return m;
    }

    private static String numbers(List<Double> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a.toString();
    }
}
