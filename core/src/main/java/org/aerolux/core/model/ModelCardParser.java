package org.aerolux.core.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.aerolux.core.ModelException;

/**
 * Builds a {@link ModelCard} from ONNX {@code metadata_props}, an optional JSON sidecar {@code MODEL.onnx.json}
 * whose keys override the file's, and Deepness-style keys mapped onto AeroLux's (model_type, class_names,
 * resolution in cm/px, tiles_size, tiles_overlap in percent, standardization_mean, standardization_std; see
 * Deepness' docs/source/creators/creators_add_metadata_to_model.rst). A missing or invalid key is a
 * {@link ModelException} that names the key and the file it came from; no other exception escapes.
 *
 * <p>Precedence for each AeroLux key: the sidecar, then {@code aerolux.*} in the file, then the mapped Deepness
 * key. A card that has Deepness' {@code model_type} but no {@code aerolux.model_type} is a Deepness card: the
 * keys Deepness has no notion of get defaults (scale 255 as Deepness divides 8-bit input by 255; mean 0 and std
 * 1; output probabilities; size multiple 1; overlap 15 %; tile size from a fixed input size when there is one).
 *
 * <p>Binary models (Deepness' single-channel sigmoid form): a segmentation card that names one class, or names two
 * for a file whose output has one fixed channel, is binary ({@link ModelCard#isBinary()}): the one output channel
 * is the foreground probability (or logit), the classes are background and foreground, and the foreground
 * threshold is {@code seg_thresh} (Deepness' key; default 0.5).
 */
public final class ModelCardParser {
    public static final String MODEL_TYPE = "aerolux.model_type", NAME = "aerolux.name", VERSION = "aerolux.version",
            CLASSES = "aerolux.classes", INPUT_BANDS = "aerolux.input_bands", SCALE = "aerolux.scale",
            MEAN = "aerolux.mean", STD = "aerolux.std", TILE_SIZE = "aerolux.tile_size", OVERLAP = "aerolux.overlap",
            SIZE_MULTIPLE = "aerolux.size_multiple", OUTPUT = "aerolux.output", TEMPERATURE = "aerolux.temperature",
            RESOLUTION_M = "aerolux.resolution_m", LICENSE = "aerolux.license", TRAINING = "aerolux.training";

    /** Deepness' foreground threshold of a binary (single-channel sigmoid) segmentation model. */
    public static final String SEG_THRESH = "seg_thresh";
    /** The foreground threshold of a binary model whose card has no {@link #SEG_THRESH} (Deepness' default). */
    public static final double DEFAULT_SEG_THRESH = 0.5;
    /** Name and colour of the background class a binary model's card does not name. */
    static final ClassInfo BACKGROUND = new ClassInfo("background", "#000000");

    /** Required keys of every card; {@link #CLASSES} is required too for segmentation. */
    public static final List<String> REQUIRED_KEYS = List.of(MODEL_TYPE, NAME, VERSION, INPUT_BANDS, SCALE, MEAN, STD,
            TILE_SIZE, OVERLAP, SIZE_MULTIPLE, OUTPUT, TEMPERATURE, RESOLUTION_M, LICENSE, TRAINING);

    static final String D_MODEL_TYPE = "model_type", D_CLASS_NAMES = "class_names", D_NAMES = "names",
            D_RESOLUTION = "resolution", D_TILES_SIZE = "tiles_size", D_TILE_SIZE = "tile_size",
            D_TILES_OVERLAP = "tiles_overlap", D_MEAN = "standardization_mean", D_STD = "standardization_std";
    private static final Set<String> DEEPNESS_KEYS = Set.of(D_MODEL_TYPE, D_CLASS_NAMES, D_NAMES, D_RESOLUTION,
            D_TILES_SIZE, D_TILE_SIZE, D_TILES_OVERLAP, D_MEAN, D_STD, SEG_THRESH);
    static final int DEEPNESS_DEFAULT_OVERLAP_PERCENT = 15;
    static final int MAX_SIDECAR_BYTES = 1 << 20;
    static final int MAX_TILE = 1 << 16;
    static final int MAX_BANDS = 1024;
    static final int MAX_CLASSES = 65536;

    /** Distinct colours for classes of cards that carry none (Deepness); cycled. */
    private static final String[] PALETTE = {"#000000", "#e6194b", "#3cb44b", "#ffe119", "#4363d8", "#f58231",
            "#911eb4", "#46f0f0", "#f032e6", "#bcf60c", "#fabebe", "#008080", "#e6beff", "#9a6324", "#fffac8",
            "#800000", "#aaffc3", "#808000", "#ffd8b1", "#000075", "#808080"};

    private ModelCardParser() {}

    /** The sidecar that may sit beside a model: {@code MODEL.onnx.json}. */
    public static Path sidecarOf(Path model) {
        return model.resolveSibling(model.getFileName() + ".json");
    }

    /** The card of an ONNX file: its metadata, overridden by the sidecar when one exists. */
    public static ModelCard read(Path model, OnnxModelFile parsed) {
        Map<String, String> values = new LinkedHashMap<>(parsed.metadata());
        Map<String, Path> origin = new HashMap<>();
        values.keySet().forEach(k -> origin.put(k, model));
        Path sidecar = sidecarOf(model);
        if (Files.exists(sidecar)) {
            Map<String, String> overrides = readSidecar(sidecar);
            values.putAll(overrides);
            overrides.keySet().forEach(k -> origin.put(k, sidecar));
        }
        return new Reader(model, values, origin, fixedTileHint(parsed), outputChannelsHint(parsed)).card();
    }

    /** Parses metadata alone ({@code file} names it in errors and gives a Deepness card's default name). */
    public static ModelCard parse(Path file, Map<String, String> metadata) {
        return parse(file, metadata, OptionalInt.empty());
    }

    /** As {@link #parse(Path, Map)}, with the tile size a Deepness card without tiles_size falls back to. */
    public static ModelCard parse(Path file, Map<String, String> metadata, OptionalInt fixedTileHint) {
        return parse(file, metadata, fixedTileHint, OptionalInt.empty());
    }

    /**
     * As {@link #parse(Path, Map, OptionalInt)}, with the channels the model file fixes for its output (a two-class
     * card for a one-channel output is a binary model).
     */
    public static ModelCard parse(Path file, Map<String, String> metadata, OptionalInt fixedTileHint, OptionalInt outputChannels) {
        Map<String, Path> origin = new HashMap<>();
        metadata.keySet().forEach(k -> origin.put(k, file));
        return new Reader(file, new LinkedHashMap<>(metadata), origin, fixedTileHint, outputChannels).card();
    }

    /**
     * Reads a sidecar: a JSON object of metadata keys; strings stay as they are, other values become JSON text.
     */
    public static Map<String, String> readSidecar(Path sidecar) {
        byte[] bytes;
        try {
            long size = Files.size(sidecar);
            if (size > MAX_SIDECAR_BYTES)
                throw new ModelException(sidecar, "model card sidecar is " + size + " bytes (at most " + MAX_SIDECAR_BYTES + ")");
            try (InputStream in = Files.newInputStream(sidecar)) {
                bytes = in.readNBytes(MAX_SIDECAR_BYTES + 1);
            }
        } catch (IOException e) {
            throw new ModelException(sidecar, "cannot read the model card sidecar: " + e.getMessage(), e);
        }
        if (bytes.length > MAX_SIDECAR_BYTES) throw new ModelException(sidecar, "model card sidecar is too large");
        return parseSidecar(sidecar, new String(bytes, StandardCharsets.UTF_8));
    }

    /** Parses sidecar text ({@code sidecar} names it in errors). */
    public static Map<String, String> parseSidecar(Path sidecar, String text) {
        JsonElement root;
        try {
            root = JsonText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ModelException(sidecar, "model card sidecar is not a JSON object: " + e.getMessage());
        }
        if (!root.isJsonObject()) throw new ModelException(sidecar, "model card sidecar is not a JSON object");
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : root.getAsJsonObject().entrySet()) {
            JsonElement v = e.getValue();
            if (v.isJsonNull()) throw new ModelException(sidecar, "model card sidecar: key " + e.getKey() + " is null");
            values.put(e.getKey(), v.isJsonPrimitive() && v.getAsJsonPrimitive().isString() ? v.getAsString() : v.toString());
        }
        return values;
    }

    private static OptionalInt outputChannelsHint(OnnxModelFile parsed) {
        if (parsed.outputs().isEmpty()) return OptionalInt.empty();
        TensorSpec out = parsed.outputs().get(0);
        if (out.rank() != 4 || !out.isFixed(1)) return OptionalInt.empty();
        long c = out.dims().get(1);
        return c > 0 && c <= MAX_CLASSES ? OptionalInt.of((int) c) : OptionalInt.empty();
    }

    private static OptionalInt fixedTileHint(OnnxModelFile parsed) {
        if (parsed.inputs().size() != 1) return OptionalInt.empty();
        TensorSpec in = parsed.inputs().get(0);
        if (in.rank() != 4 || !in.isFixed(2) || !in.isFixed(3)) return OptionalInt.empty();
        long h = in.dims().get(2), w = in.dims().get(3);
        return h == w && h > 0 && h <= MAX_TILE ? OptionalInt.of((int) h) : OptionalInt.empty();
    }

    /** One parse: the merged values, where each came from, and the Deepness defaults switch. */
    private static final class Reader {
        private final Path model;
        private final Map<String, String> values;
        private final Map<String, Path> origin;
        private final OptionalInt tileHint;
        private final OptionalInt outputChannelsHint;
        private final boolean deepness;
        private final Set<String> used = new java.util.HashSet<>();

        Reader(Path model, Map<String, String> values, Map<String, Path> origin, OptionalInt tileHint,
               OptionalInt outputChannelsHint) {
            this.model = model;
            this.values = values;
            this.origin = origin;
            this.tileHint = tileHint;
            this.outputChannelsHint = outputChannelsHint;
            this.deepness = !values.containsKey(MODEL_TYPE) && values.containsKey(D_MODEL_TYPE);
        }

        ModelCard card() {
            try {
                return build();
            } catch (ModelException e) {
                throw e;
            } catch (RuntimeException e) { // a JSON shape we did not foresee: still a typed, named error
                throw new ModelException(model, "invalid model card: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
        }

        private ModelCard build() {
            if (values.isEmpty())
                throw new ModelException(model, "the model has no card (no metadata_props); it lacks required key " + MODEL_TYPE);
            ModelType type = modelType();
            String name = text(NAME).orElseGet(() -> deepnessDefault(NAME, defaultName()));
            String version = text(VERSION).orElseGet(() -> deepnessDefault(VERSION, "unversioned"));
            List<ClassInfo> classes = type == ModelType.SEGMENTATION ? classes() : List.of();
            if (type != ModelType.SEGMENTATION) used.add(CLASSES);
            OptionalDouble binaryThreshold = OptionalDouble.empty();
            if (type == ModelType.SEGMENTATION && isBinary(classes)) {
                if (classes.size() == 1) classes = List.of(BACKGROUND, foreground(classes.get(0)));
                binaryThreshold = OptionalDouble.of(segThreshold());
            }
            List<Double> deepMean = present(D_MEAN) && !values.containsKey(MEAN) ? numberList(D_MEAN) : null;
            List<String> bands = inputBands(deepMean == null ? 3 : deepMean.size());
            double scale = number(SCALE, null).map(v -> positive(SCALE, v)).orElseGet(() -> deepnessDefault(SCALE, 255.0));
            List<Double> mean = perBand(MEAN, D_MEAN, bands.size(), 0.0, false);
            List<Double> std = perBand(STD, D_STD, bands.size(), 1.0, true);
            int tile = tileSize();
            int multiple = integer(SIZE_MULTIPLE, null, 1, MAX_TILE).orElseGet(() -> deepnessDefault(SIZE_MULTIPLE, 1));
            if (tile % multiple != 0)
                throw invalid(TILE_SIZE, "tile size " + tile + " is not a multiple of " + SIZE_MULTIPLE + " " + multiple);
            int overlap = overlap(tile);
            OutputKind output = outputKind(type);
            double temperature = number(TEMPERATURE, null).map(v -> positive(TEMPERATURE, v)).orElseGet(() -> deepnessDefault(TEMPERATURE, 1.0));
            double resolution = resolution();
            String license = text(LICENSE).orElseGet(() -> deepnessDefault(LICENSE, "unknown"));
            String training = text(TRAINING).orElseGet(() -> deepnessDefault(TRAINING, "unknown (Deepness-style card)"));
            Map<String, String> extras = new TreeMap<>();
            values.forEach((k, v) -> {
                if (!used.contains(k) && !REQUIRED_KEYS.contains(k) && !k.equals(CLASSES)) extras.put(k, v);
            });
            return new ModelCard(type, name, version, classes, bands, scale, mean, std, tile, overlap, multiple, output,
                    binaryThreshold, temperature, resolution, license, training, extras);
        }

        // ---- the fields ----

        private ModelType modelType() {
            Optional<String> t = text(MODEL_TYPE);
            if (t.isPresent())
                return ModelType.fromCard(t.get()).orElseThrow(() -> invalid(MODEL_TYPE,
                        "must be segmentation or enhancement, got '" + shorten(t.get()) + "'"));
            if (present(D_MODEL_TYPE)) {
                String d = jsonString(D_MODEL_TYPE);
                if (d.equalsIgnoreCase("segmentor")) return ModelType.SEGMENTATION;
                return ModelType.fromCard(d).orElseThrow(() -> invalid(D_MODEL_TYPE, "Deepness model type '" + shorten(d)
                        + "' is not supported (AeroLux runs Segmentor models, or segmentation and enhancement cards)"));
            }
            throw missing(MODEL_TYPE);
        }

        private List<ClassInfo> classes() {
            if (present(CLASSES)) {
                JsonElement root = json(CLASSES);
                if (!root.isJsonArray()) throw invalid(CLASSES, "must be a JSON array of {\"name\", \"color\"}");
                JsonArray a = root.getAsJsonArray();
                if (a.isEmpty()) throw invalid(CLASSES, "lists no class");
                if (a.size() > MAX_CLASSES) throw invalid(CLASSES, "lists more than " + MAX_CLASSES + " classes");
                List<ClassInfo> out = new ArrayList<>();
                for (int i = 0; i < a.size(); i++) {
                    JsonElement e = a.get(i);
                    if (!e.isJsonObject()) throw invalid(CLASSES, "entry " + i + " is not an object with name and color");
                    JsonObject o = e.getAsJsonObject();
                    String n = stringMember(o, "name"), c = stringMember(o, "color");
                    if (n == null || n.isBlank()) throw invalid(CLASSES, "entry " + i + " has no name");
                    if (!ClassInfo.isColor(c)) throw invalid(CLASSES, "entry " + i + " (" + shorten(n) + ") needs a color #rrggbb");
                    out.add(new ClassInfo(n, c));
                }
                return out;
            }
            String key = present(D_CLASS_NAMES) ? D_CLASS_NAMES : present(D_NAMES) ? D_NAMES : null;
            if (key == null) throw missing(CLASSES);
            used.add(key);
            JsonElement root = json(key);
            if (root.isJsonArray()) { // Deepness: one dict per model output; AeroLux reads the first output only
                JsonArray a = root.getAsJsonArray();
                if (a.size() != 1) throw invalid(key, "lists class names for " + a.size() + " outputs; AeroLux runs single-output models");
                root = a.get(0);
            }
            if (!root.isJsonObject()) throw invalid(key, "must map class ids to names, e.g. {\"0\": \"background\"}");
            Map<Integer, String> byId = new TreeMap<>();
            for (Map.Entry<String, JsonElement> e : root.getAsJsonObject().entrySet()) {
                int id;
                try {
                    id = Integer.parseInt(e.getKey().trim());
                } catch (NumberFormatException ex) {
                    throw invalid(key, "class id '" + shorten(e.getKey()) + "' is not an integer");
                }
                if (!e.getValue().isJsonPrimitive()) throw invalid(key, "the name of class " + id + " is not a string");
                byId.put(id, e.getValue().getAsString());
            }
            if (byId.isEmpty()) throw invalid(key, "lists no class");
            if (byId.size() > MAX_CLASSES) throw invalid(key, "lists more than " + MAX_CLASSES + " classes");
            List<ClassInfo> out = new ArrayList<>();
            int expected = 0;
            for (Map.Entry<Integer, String> e : byId.entrySet()) {
                if (e.getKey() != expected) throw invalid(key, "class ids are not consecutive from 0 (missing " + expected + ")");
                String n = e.getValue().isBlank() ? "class " + expected : e.getValue();
                out.add(new ClassInfo(n, PALETTE[expected % PALETTE.length]));
                expected++;
            }
            return out;
        }

        /**
         * One named class (Deepness documents {0: "class_name"} for a sigmoid output), or two for an output of one
         * fixed channel; one class for an output of several channels is an error.
         */
        private boolean isBinary(List<ClassInfo> classes) {
            int fixed = outputChannelsHint.orElse(-1);
            if (classes.size() == 1) {
                if (fixed > 1)
                    throw invalid(present(CLASSES) ? CLASSES : present(D_CLASS_NAMES) ? D_CLASS_NAMES : D_NAMES,
                            "names 1 class but the model outputs " + fixed + " channels; name one class per output channel"
                                    + " (or one class for a single-channel sigmoid output)");
                return true;
            }
            return classes.size() == 2 && fixed == 1;
        }

        /** The foreground class of a card that names one: its colour, or the palette's first colour for Deepness. */
        private ClassInfo foreground(ClassInfo named) {
            return present(CLASSES) ? named : new ClassInfo(named.name(), PALETTE[1]);
        }

        private double segThreshold() {
            Optional<Double> t = number(SEG_THRESH, null);
            if (t.isEmpty()) return DEFAULT_SEG_THRESH;
            if (!(t.get() > 0 && t.get() < 1)) throw invalid(SEG_THRESH, "must be a probability between 0 and 1 (exclusive), got " + t.get());
            return t.get();
        }

        private List<String> inputBands(int deepnessCount) {
            if (present(INPUT_BANDS)) {
                JsonElement root = json(INPUT_BANDS);
                if (!root.isJsonArray() || root.getAsJsonArray().isEmpty())
                    throw invalid(INPUT_BANDS, "must be a non-empty JSON array of band roles, e.g. [\"red\",\"green\",\"blue\"]");
                JsonArray a = root.getAsJsonArray();
                if (a.size() > MAX_BANDS) throw invalid(INPUT_BANDS, "lists more than " + MAX_BANDS + " bands");
                List<String> out = new ArrayList<>();
                for (JsonElement e : a) {
                    if (!e.isJsonPrimitive() || e.getAsString().isBlank()) throw invalid(INPUT_BANDS, "has an entry that is not a band name");
                    out.add(e.getAsString());
                }
                return out;
            }
            if (!deepness) throw missing(INPUT_BANDS);
            if (deepnessCount < 1 || deepnessCount > MAX_BANDS) throw invalid(D_MEAN, "needs one value per input band");
            if (deepnessCount == 3) return List.of("red", "green", "blue");
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= deepnessCount; i++) out.add("band" + i);
            return out;
        }

        private List<Double> perBand(String key, String deepnessKey, int bands, double deepnessFill, boolean nonZero) {
            List<Double> v;
            String source = key;
            if (present(key)) {
                v = numberList(key);
            } else if (present(deepnessKey)) {
                v = numberList(deepnessKey);
                source = deepnessKey;
            } else if (deepness) {
                v = java.util.Collections.nCopies(bands, deepnessFill);
            } else {
                throw missing(key);
            }
            if (v.size() != bands)
                throw invalid(source, "has " + v.size() + " values but there are " + bands + " input bands (" + INPUT_BANDS + ")");
            if (nonZero && v.stream().anyMatch(x -> x == 0)) throw invalid(source, "must not contain 0");
            return v;
        }

        private int tileSize() {
            Optional<Integer> t = integer(TILE_SIZE, present(D_TILES_SIZE) ? D_TILES_SIZE : present(D_TILE_SIZE) ? D_TILE_SIZE : null, 1, MAX_TILE);
            if (t.isPresent()) return t.get();
            if (deepness && tileHint.isPresent()) return tileHint.getAsInt();
            throw missing(TILE_SIZE);
        }

        private int overlap(int tile) {
            int overlap;
            if (present(OVERLAP)) {
                overlap = integer(OVERLAP, null, 0, MAX_TILE).orElseThrow();
            } else if (present(D_TILES_OVERLAP)) {
                double pct = number(D_TILES_OVERLAP, null).orElseThrow();
                if (pct < 0 || pct >= 100) throw invalid(D_TILES_OVERLAP, "must be a percentage from 0 to below 100");
                overlap = (int) Math.round(tile * pct / 100.0);
            } else if (deepness) {
                overlap = (int) Math.round(tile * DEEPNESS_DEFAULT_OVERLAP_PERCENT / 100.0);
            } else {
                throw missing(OVERLAP);
            }
            if (overlap >= tile) throw invalid(OVERLAP, "overlap " + overlap + " must be smaller than the tile size " + tile);
            return overlap;
        }

        private OutputKind outputKind(ModelType type) {
            Optional<String> o = text(OUTPUT);
            OutputKind kind;
            if (o.isPresent()) {
                kind = OutputKind.fromCard(o.get()).orElseThrow(() -> invalid(OUTPUT,
                        "must be logits, probabilities or image, got '" + shorten(o.get()) + "'"));
            } else if (deepness) {
                kind = type == ModelType.SEGMENTATION ? OutputKind.PROBABILITIES : OutputKind.IMAGE;
            } else {
                throw missing(OUTPUT);
            }
            if (type == ModelType.SEGMENTATION && kind == OutputKind.IMAGE)
                throw invalid(OUTPUT, "is image, but a segmentation model outputs logits or probabilities");
            if (type == ModelType.ENHANCEMENT && kind != OutputKind.IMAGE)
                throw invalid(OUTPUT, "is " + kind.cardValue() + ", but an enhancement model outputs an image");
            return kind;
        }

        private double resolution() {
            Optional<Double> m = number(RESOLUTION_M, null);
            if (m.isPresent()) return nonNegative(RESOLUTION_M, m.get());
            if (present(D_RESOLUTION)) return nonNegative(D_RESOLUTION, number(D_RESOLUTION, null).orElseThrow()) / 100.0;
            return deepnessDefault(RESOLUTION_M, 0.0);
        }

        // ---- typed access ----

        private boolean present(String key) { return values.containsKey(key); }

        private Optional<String> text(String key) {
            if (!present(key)) return Optional.empty();
            used.add(key);
            return Optional.of(values.get(key));
        }

        private JsonElement json(String key) {
            used.add(key);
            try {
                return JsonText.parse(values.get(key));
            } catch (IllegalArgumentException e) {
                throw invalid(key, e.getMessage());
            }
        }

        /** A JSON-encoded string (Deepness writes json.dumps("Segmentor")), or the raw text. */
        private String jsonString(String key) {
            used.add(key);
            String raw = values.get(key).trim();
            try {
                JsonElement e = JsonText.parse(raw);
                if (e.isJsonPrimitive()) return e.getAsString().trim();
            } catch (IllegalArgumentException ignored) {
                // not JSON: use the raw text
            }
            return raw;
        }

        private Optional<Double> number(String key, String fallbackKey) {
            String k = present(key) ? key : fallbackKey != null && present(fallbackKey) ? fallbackKey : null;
            if (k == null) return Optional.empty();
            used.add(k);
            return Optional.of(parseNumber(k, values.get(k)));
        }

        private Optional<Integer> integer(String key, String fallbackKey, int min, int max) {
            String k = present(key) ? key : fallbackKey != null && present(fallbackKey) ? fallbackKey : null;
            if (k == null) return Optional.empty();
            double v = number(k, null).orElseThrow();
            if (v != Math.rint(v) || v < min || v > max)
                throw invalid(k, "must be a whole number from " + min + " to " + max + ", got " + shorten(values.get(k)));
            return Optional.of((int) v);
        }

        private List<Double> numberList(String key) {
            JsonElement root = json(key);
            if (!root.isJsonArray()) throw invalid(key, "must be a JSON array of numbers");
            JsonArray a = root.getAsJsonArray();
            if (a.size() > MAX_BANDS) throw invalid(key, "has more than " + MAX_BANDS + " values");
            List<Double> out = new ArrayList<>();
            for (JsonElement e : a) {
                if (!e.isJsonPrimitive()) throw invalid(key, "must be a JSON array of numbers");
                out.add(parseNumber(key, e.getAsString()));
            }
            return out;
        }

        private double parseNumber(String key, String text) {
            String t = text.trim();
            if (t.length() > 2 && t.startsWith("\"") && t.endsWith("\"")) t = t.substring(1, t.length() - 1).trim();
            double v;
            try {
                v = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw invalid(key, "must be a number, got '" + shorten(text) + "'");
            }
            if (!Double.isFinite(v)) throw invalid(key, "must be a finite number, got '" + shorten(text) + "'");
            return v;
        }

        private double positive(String key, double v) {
            if (v <= 0) throw invalid(key, "must be greater than 0, got " + v);
            return v;
        }

        private double nonNegative(String key, double v) {
            if (v < 0) throw invalid(key, "must not be negative, got " + v);
            return v;
        }

        private <T> T deepnessDefault(String key, T value) {
            if (!deepness) throw missing(key);
            return value;
        }

        private String defaultName() {
            String f = model == null || model.getFileName() == null ? "model" : model.getFileName().toString();
            return f.endsWith(".onnx") ? f.substring(0, f.length() - 5) : f;
        }

        private static String stringMember(JsonObject o, String member) {
            JsonElement e = o.get(member);
            return e != null && e.isJsonPrimitive() ? ((JsonPrimitive) e).getAsString() : null;
        }

        private ModelException missing(String key) {
            String mapped = switch (key) {
                case MODEL_TYPE -> " (or Deepness' model_type)";
                case CLASSES -> " (or Deepness' class_names)";
                case TILE_SIZE -> " (or Deepness' tiles_size)";
                case OVERLAP -> " (or Deepness' tiles_overlap)";
                default -> "";
            };
            return new ModelException(model, "model card lacks required key " + key + mapped);
        }

        private ModelException invalid(String key, String problem) {
            Path from = origin.getOrDefault(key, model);
            return new ModelException(from, "model card key " + key + " " + problem);
        }

        private static String shorten(String s) {
            String one = s.replaceAll("\\s+", " ");
            return one.length() > 60 ? one.substring(0, 57) + "..." : one;
        }
    }

    /** Keys Deepness defines that AeroLux maps (exposed for documentation and tests). */
    public static Set<String> deepnessKeys() { return DEEPNESS_KEYS; }
}
