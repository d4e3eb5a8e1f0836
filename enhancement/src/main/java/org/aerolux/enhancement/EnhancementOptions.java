package org.aerolux.enhancement;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.aerolux.core.UsageException;
import org.aerolux.core.inference.CudaOptions;
import org.aerolux.core.inference.InferenceOptions;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.tile.Blender;

/**
 * Everything an enhancement run is configured with (the options of {@code aerolux enhance}, the Spark job and
 * Fiji's Batch), as given: empty means the default. Build with {@link #builder()}; {@link Enhancer#open} loads the
 * model for them and {@link FileEnhancement} runs them over files.
 *
 * @param model      registry name or .onnx path (empty when a loaded model was handed over)
 * @param bands      1-based bands in model order, empty for the default (grey 1,1,1; colour 1,2,3)
 * @param mode       auto, whole or tiled
 * @param tile       tile edge in tiled mode (default: the card's)
 * @param overlap    tile overlap (default: the card's)
 * @param blender    tile blending in tiled mode
 * @param batch      tiles per model call in tiled mode
 * @param device     auto, cpu, gpu or gpu:N
 * @param threads    ONNX Runtime intra-op threads (0 = all cores)
 * @param cuda       CUDA arena limit and cuDNN search (used only on CUDA)
 * @param budget     the memory budget
 * @param range      the user's value range, empty for the default
 * @param gapProbe   probe edge: -1 auto (two tile strides), 0 off, else pixels
 * @param sideBySide also write STEM_before_after.png
 * @param overwrite  replace existing outputs instead of skipping the input
 */
public record EnhancementOptions(Optional<String> model, Optional<int[]> bands, EnhancementMode mode, OptionalInt tile,
                                 OptionalInt overlap, Blender blender, int batch, DeviceRequest device, int threads, CudaOptions cuda,
                                 MemoryBudget budget, Optional<ValueRange> range, int gapProbe, boolean sideBySide, boolean overwrite) {
    /** The model enhancement uses when none is named. */
    public static final String DEFAULT_MODEL = "cue-lowlight";

    public EnhancementOptions {
        bands = bands.map(int[]::clone);
        if (mode == null || blender == null || device == null || cuda == null || budget == null)
            throw new IllegalArgumentException("mode, blend, device, cuda and budget are required");
        if (batch < 1) throw new UsageException(null, "batch must be at least 1, got " + batch);
        if (gapProbe < -1) throw new UsageException(null, "gap_probe must be auto, off or a size in pixels, got " + gapProbe);
        if (threads < 0) throw new UsageException(null, "threads must be 0 (all cores) or more, got " + threads);
        if (bands.isPresent() && bands.get().length == 0) throw new UsageException(null, "bands is empty");
    }

    public static Builder builder() { return new Builder(); }

    /** Device, threads and CUDA tuning for the model loader. */
    public InferenceOptions inference() { return new InferenceOptions(device, threads, cuda); }

    /** The bands as the user would type them, e.g. "3,2,1", or "default". */
    public String bandsText() {
        return bands.map(b -> String.join(",", Arrays.stream(b).mapToObj(Integer::toString).toList())).orElse("default");
    }

    /** The gap probe as the user would type it: auto, off or pixels. */
    public String gapProbeText() {
        return gapProbe == GapProbe.AUTO ? "auto" : gapProbe == GapProbe.OFF ? "off" : Integer.toString(gapProbe);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnhancementOptions e && model.equals(e.model) && Arrays.equals(bands.orElse(null), e.bands.orElse(null))
                && mode == e.mode && tile.equals(e.tile) && overlap.equals(e.overlap) && blender == e.blender && batch == e.batch
                && device.equals(e.device) && threads == e.threads && cuda.equals(e.cuda) && budget.equals(e.budget)
                && range.equals(e.range) && gapProbe == e.gapProbe && sideBySide == e.sideBySide && overwrite == e.overwrite;
    }

    @Override
    public int hashCode() { return Objects.hash(model, Arrays.hashCode(bands.orElse(null)), mode, tile, overlap, batch, device); }

    /** {@code auto} as -1, {@code off} or 0 as 0, else an edge of at least 4 pixels; anything else is a usage error. */
    public static int parseGapProbe(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("auto")) return GapProbe.AUTO;
        if (t.equals("off") || t.equals("0")) return GapProbe.OFF;
        try {
            int n = Integer.parseInt(t);
            if (n >= 4) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(null, "gap_probe must be auto, off or a size of at least 4 pixels, got '" + text + "'");
    }

    /** Builder of {@link EnhancementOptions}; everything has a default. */
    public static final class Builder {
        private String model = DEFAULT_MODEL;
        private int[] bands;
        private EnhancementMode mode = EnhancementMode.AUTO;
        private OptionalInt tile = OptionalInt.empty(), overlap = OptionalInt.empty();
        private Blender blender = Blender.COSINE;
        private int batch = 1;
        private DeviceRequest device = DeviceRequest.AUTO;
        private int threads;
        private CudaOptions cuda = CudaOptions.DEFAULT;
        private MemoryBudget budget;
        private ValueRange range;
        private int gapProbe = GapProbe.AUTO;
        private boolean sideBySide, overwrite;

        private Builder() {}

        /** A registry name or an .onnx path ({@value EnhancementOptions#DEFAULT_MODEL} by default); null when a model is handed over. */
        public Builder model(String reference) { this.model = reference; return this; }

        /** 1-based input bands in model order (red, green, blue); a band may repeat. Default: 1,1,1 for grey, else 1,2,3. */
        public Builder bands(int... oneBased) { this.bands = oneBased == null ? null : oneBased.clone(); return this; }

        public Builder mode(EnhancementMode mode) { this.mode = mode; return this; }

        /** Tile edge for tiled mode, at least {@value Enhancer#MIN_TILE}; default the card's. */
        public Builder tile(int pixels) { this.tile = OptionalInt.of(pixels); return this; }

        /** Overlap between tiles; default the card's. */
        public Builder overlap(int pixels) { this.overlap = OptionalInt.of(pixels); return this; }

        /** Default cosine. */
        public Builder blend(Blender blender) { this.blender = blender; return this; }

        /** Tiles per model call in tiled mode; default 1 (CUE tiles are large: batching multiplies memory, not speed). */
        public Builder batch(int tiles) { this.batch = tiles; return this; }

        public Builder device(DeviceRequest device) { this.device = device; return this; }

        /** ONNX Runtime threads per operator; 0 (default) = all cores. */
        public Builder threads(int threads) { this.threads = threads; return this; }

        /** CUDA arena limit and cuDNN search (used only when the model runs on CUDA; the device reason names them). */
        public Builder cuda(CudaOptions cuda) { this.cuda = Objects.requireNonNull(cuda); return this; }

        /** Default: {@link MemoryBudget#fromSystem()} when built. */
        public Builder memoryBudget(MemoryBudget budget) { this.budget = budget; return this; }

        /** The raw values of black and white; default: 0..255 for uint8, robust data percentiles otherwise. */
        public Builder range(ValueRange range) { this.range = range; return this; }

        /** Edge of the tiled-vs-whole probe in pixels; -1 (default) two tile strides, 0 off. */
        public Builder gapProbe(int edge) { this.gapProbe = edge; return this; }

        /** The gap probe as users type it: auto, off (or 0), or an edge of at least 4 pixels. */
        public Builder gapProbe(String text) { return gapProbe(parseGapProbe(text)); }

        public Builder sideBySide(boolean v) { this.sideBySide = v; return this; }

        public Builder overwrite(boolean v) { this.overwrite = v; return this; }

        /** @throws UsageException for options out of range */
        public EnhancementOptions build() {
            return new EnhancementOptions(Optional.ofNullable(model), Optional.ofNullable(bands), mode, tile, overlap, blender, batch,
                    device, threads, cuda, budget != null ? budget : MemoryBudget.fromSystem(), Optional.ofNullable(range), gapProbe,
                    sideBySide, overwrite);
        }
    }
}
