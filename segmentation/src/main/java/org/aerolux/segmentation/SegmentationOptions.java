package org.aerolux.segmentation;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.aerolux.core.UsageException;
import org.aerolux.core.inference.BatchSizer;
import org.aerolux.core.inference.CudaOptions;
import org.aerolux.core.inference.InferenceOptions;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.model.ModelCard;
import org.aerolux.core.tile.Blender;
import org.aerolux.core.tile.TileGrid;

/**
 * Everything a segmentation run is configured with (the options of {@code aerolux segment}). Build with
 * {@link #builder()}; unset values take their defaults, most of them from the model card:
 * <ul>
 *   <li>bands: the first N bands of the input, N = the card's {@code input_bands};</li>
 *   <li>tile: the card's {@code tile_size};</li>
 *   <li>overlap: the card's {@code overlap}, raised to {@value #MIN_DEFAULT_OVERLAP} px where the tile allows it
 *       (at most half a tile): FarSeg's scene vector is global to a window, so windows need wide context;</li>
 *   <li>blend cosine, batch 4 (0 = auto: from free GPU memory, 4 on the CPU; see {@link BatchSizer}), device auto,
 *       threads 0 (ONNX Runtime's default: all cores), CUDA tuning ONNX Runtime's default,
 *       temperature auto (the card's), outputs labels and confidence, no overwrite, resample auto, no input
 *       resolution.</li>
 * </ul>
 *
 * @param model       registry name or path of an {@code .onnx} file
 * @param bands       1-based input bands in model order (a band may repeat), or empty for the default
 * @param tile        tile edge in pixels, or empty for the card's
 * @param overlap     overlap between tiles in pixels, or empty for the default above
 * @param blend       how overlapping tile probabilities are merged
 * @param batch       tiles per model call; 0 = auto
 * @param device      auto, cpu, gpu or gpu:N
 * @param threads     ONNX Runtime intra-op threads, 0 = its default
 * @param cuda        CUDA arena limit and cuDNN convolution search (used only on CUDA)
 * @param temperature softmax temperature
 * @param outputs     what to write
 * @param overwrite   replace existing outputs instead of skipping the input
 * @param resample    run the model at the card's ground resolution ({@link ResolutionPlan}) or not
 * @param inputResolution ground resolution in metres of inputs without georeferencing, or empty
 */
public record SegmentationOptions(String model, Optional<int[]> bands, OptionalInt tile, OptionalInt overlap, Blender blend,
                                  int batch, DeviceRequest device, int threads, CudaOptions cuda, Temperature temperature,
                                  Set<SegmentationOutput> outputs, boolean overwrite, Resample resample,
                                  OptionalDouble inputResolution) {
    /** The least default overlap, in pixels, where the tile is at least twice as large. */
    public static final int MIN_DEFAULT_OVERLAP = 128;

    public SegmentationOptions {
        bands = bands.map(int[]::clone);
        outputs = Collections.unmodifiableSet(outputs.isEmpty() ? EnumSet.noneOf(SegmentationOutput.class) : EnumSet.copyOf(outputs));
        if (blend == null || device == null || temperature == null || cuda == null || resample == null || inputResolution == null)
            throw new IllegalArgumentException("blend, device, cuda, temperature, resample and input resolution are required");
        if (inputResolution.isPresent() && !(inputResolution.getAsDouble() > 0 && Double.isFinite(inputResolution.getAsDouble())))
            throw new UsageException(null, "--input-resolution must be a positive number of metres, got " + inputResolution.getAsDouble());
        if (bands.isPresent()) {
            if (bands.get().length == 0) throw new UsageException(null, "--bands needs at least one band");
            for (int b : bands.get())
                if (b < 1) throw new UsageException(null, "--bands are numbered from 1, got " + b);
        }
        if (tile.isPresent() && tile.getAsInt() < 1) throw new UsageException(null, "--tile must be positive, got " + tile.getAsInt());
        if (overlap.isPresent() && overlap.getAsInt() < 0) throw new UsageException(null, "--overlap must not be negative, got " + overlap.getAsInt());
        if (batch < 0) throw new UsageException(null, "--batch must be auto or at least 1, got " + batch);
        if (threads < 0) throw new UsageException(null, "--threads must be 0 (automatic) or more, got " + threads);
    }

    public static Builder builder() { return new Builder(); }

    /** {@code auto} as 0, else a positive number of tiles; anything else is a usage error. */
    public static int parseBatch(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("auto")) return 0;
        try {
            int n = Integer.parseInt(t);
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(null, "--batch must be auto or a number of tiles (at least 1), got '" + text + "'");
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.model = model;
        b.bands = bands.orElse(null);
        b.tile = tile;
        b.overlap = overlap;
        b.blend = blend;
        b.batch = batch;
        b.device = device;
        b.threads = threads;
        b.cuda = cuda;
        b.temperature = temperature;
        b.outputs = outputs;
        b.overwrite = overwrite;
        b.resample = resample;
        b.inputResolution = inputResolution;
        return b;
    }

    /** Device, threads and CUDA tuning for the model loader. */
    public InferenceOptions inference() { return new InferenceOptions(device, threads, cuda); }

    /** True for {@code --batch auto}. */
    public boolean autoBatch() { return batch == 0; }

    /** The batch as the user writes it: auto or N. */
    public String batchText() { return batch == 0 ? "auto" : Integer.toString(batch); }

    /** The 0-based bands for the pipeline, or null for its default (the first N). */
    public int[] zeroBasedBands() {
        return bands.map(b -> Arrays.stream(b).map(v -> v - 1).toArray()).orElse(null);
    }

    /** The tile grid for this card: explicit tile and overlap, else the defaults described above. */
    public TileGrid grid(ModelCard card) {
        int t = tile.orElse(card.tileSize());
        int o = overlap.orElse(defaultOverlap(card, t));
        return new TileGrid(t, o, card.sizeMultiple());
    }

    /** The card's overlap, raised to {@link #MIN_DEFAULT_OVERLAP} when that is at most half the tile. */
    public static int defaultOverlap(ModelCard card, int tile) {
        int o = card.overlap();
        if (o < MIN_DEFAULT_OVERLAP && 2 * MIN_DEFAULT_OVERLAP <= tile) o = MIN_DEFAULT_OVERLAP;
        return Math.min(o, tile - 1);
    }

    /** The options as the user would type them, e.g. bands "3,2,1" or "default". */
    public String bandsText() {
        return bands.map(b -> String.join(",", Arrays.stream(b).mapToObj(Integer::toString).toList())).orElse("default");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SegmentationOptions s && model.equals(s.model) && Arrays.equals(bands.orElse(null), s.bands.orElse(null))
                && tile.equals(s.tile) && overlap.equals(s.overlap) && blend == s.blend && batch == s.batch && device.equals(s.device)
                && threads == s.threads && cuda.equals(s.cuda) && temperature.equals(s.temperature) && outputs.equals(s.outputs) && overwrite == s.overwrite
                && resample == s.resample && inputResolution.equals(s.inputResolution);
    }

    @Override
    public int hashCode() { return model.hashCode() * 31 + Arrays.hashCode(bands.orElse(null)); }

    /** Builder of {@link SegmentationOptions}. */
    public static final class Builder {
        private String model;
        private int[] bands;
        private OptionalInt tile = OptionalInt.empty();
        private OptionalInt overlap = OptionalInt.empty();
        private Blender blend = Blender.COSINE;
        private int batch = 4;
        private DeviceRequest device = DeviceRequest.AUTO;
        private int threads;
        private CudaOptions cuda = CudaOptions.DEFAULT;
        private Temperature temperature = Temperature.AUTO;
        private Set<SegmentationOutput> outputs = SegmentationOutput.DEFAULTS;
        private boolean overwrite;
        private Resample resample = Resample.AUTO;
        private OptionalDouble inputResolution = OptionalDouble.empty();

        private Builder() {}

        /** Registry name or path of an .onnx file (required). */
        public Builder model(String ref) { this.model = ref; return this; }

        /** 1-based input bands in model order; null for the default (the first N). */
        public Builder bands(int... oneBased) { this.bands = oneBased == null ? null : oneBased.clone(); return this; }

        public Builder tile(int pixels) { this.tile = OptionalInt.of(pixels); return this; }

        public Builder tile(OptionalInt pixels) { this.tile = pixels; return this; }

        public Builder overlap(int pixels) { this.overlap = OptionalInt.of(pixels); return this; }

        public Builder overlap(OptionalInt pixels) { this.overlap = pixels; return this; }

        public Builder blend(Blender b) { this.blend = b; return this; }

        /** Tiles per model call; 0 = auto (from free GPU memory; 4 on the CPU). */
        public Builder batch(int tiles) { this.batch = tiles; return this; }

        /** {@code auto} or a number of tiles, as typed ({@code --batch}, the Fiji field). */
        public Builder batch(String text) { this.batch = parseBatch(text); return this; }

        /** CUDA arena limit and cuDNN search (ignored on the CPU). */
        public Builder cuda(CudaOptions c) { this.cuda = c; return this; }

        public Builder device(DeviceRequest d) { this.device = d; return this; }

        public Builder threads(int n) { this.threads = n; return this; }

        public Builder temperature(Temperature t) { this.temperature = t; return this; }

        public Builder outputs(Set<SegmentationOutput> o) { this.outputs = o; return this; }

        public Builder overwrite(boolean v) { this.overwrite = v; return this; }

        /** {@code auto} (default) or {@code off}. */
        public Builder resample(Resample r) { this.resample = r; return this; }

        /** Ground resolution in metres of inputs without georeferencing; empty for none. */
        public Builder inputResolution(OptionalDouble metres) { this.inputResolution = metres; return this; }

        /** As {@link #inputResolution(OptionalDouble)}; null for none. */
        public Builder inputResolution(Double metres) {
            this.inputResolution = metres == null ? OptionalDouble.empty() : OptionalDouble.of(metres);
            return this;
        }

        public SegmentationOptions build() {
            if (model == null || model.isBlank()) throw new UsageException(null, "--model is required");
            return new SegmentationOptions(model, Optional.ofNullable(bands), tile, overlap, blend, batch, device, threads, cuda,
                    temperature, outputs, overwrite, resample, inputResolution);
        }
    }
}
