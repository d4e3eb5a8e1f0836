package org.aerolux.enhancement;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.aerolux.core.AeroLuxException;
import org.aerolux.core.BadInputException;
import org.aerolux.core.CancelledException;
import org.aerolux.core.ModelException;
import org.aerolux.core.UsageException;
import org.aerolux.core.inference.CudaOptions;
import org.aerolux.core.inference.InferenceOptions;
import org.aerolux.core.inference.OnnxModelLoader;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.model.Model;
import org.aerolux.core.model.ModelCard;
import org.aerolux.core.model.ModelRegistry;
import org.aerolux.core.model.ModelResolver;
import org.aerolux.core.model.ModelType;
import org.aerolux.core.model.OutputKind;
import org.aerolux.core.model.ResolvedModel;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.pipeline.Normalisation;
import org.aerolux.core.pipeline.PipelineResult;
import org.aerolux.core.pipeline.TiledPipeline;
import org.aerolux.core.raster.GeoTiffSource;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSink;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.core.raster.Rasters;
import org.aerolux.core.tile.Blender;
import org.aerolux.core.tile.TileGrid;

/**
 * CUE low-light enhancement of a raster of any type and size (see the package overview for the whole recipe).
 * Holds a loaded model: make one, enhance many images, close it.
 *
 * <pre>{@code
 * try (Enhancer e = Enhancer.builder().model("cue-lowlight").registry(registry).threads(2).build()) {
 *     EnhancementResult r = e.enhanceFile(Path.of("night.tif"), Path.of("out/night_enhanced.tif"));
 * }
 * }</pre>
 */
public final class Enhancer implements AutoCloseable {
    /** Smallest tile edge: CUE sees the whole input (FFT branches, global pooling), so small tiles drift apart. */
    public static final int MIN_TILE = 512;

    private final Model model;
    private final boolean ownsModel;
    private final Optional<ResolvedModel> resolved;
    private final EnhancementOptions options;
    private final TileGrid tiledGrid;
    private final EnhancementListener listener;
    private final Cancellation cancellation;

    private Enhancer(Model model, boolean ownsModel, Optional<ResolvedModel> resolved, EnhancementOptions options, TileGrid tiledGrid,
                     EnhancementListener listener, Cancellation cancellation) {
        this.model = model;
        this.ownsModel = ownsModel;
        this.resolved = resolved;
        this.options = options;
        this.tiledGrid = tiledGrid;
        this.listener = listener;
        this.cancellation = cancellation;
    }

    public static Builder builder() { return new Builder(); }

    /** The loaded model (its card and the device it actually runs on). */
    public Model model() { return model; }

    /** The model file and its sha256, when the enhancer loaded it from a name or path. */
    public Optional<ResolvedModel> resolvedModel() { return resolved; }

    /** The parameters as given. */
    public EnhancementOptions options() { return options; }

    /** The grid of tiled mode (card defaults unless overridden). */
    public TileGrid tiledGrid() { return tiledGrid; }

    /**
     * Enhances a file into {@code output} (a GeoTIFF for .tif/.tiff, a PNG for .png), same size, bands, data type
     * and georeferencing as the input. Nothing appears under {@code output} unless the run succeeds.
     */
    public EnhancementResult enhanceFile(Path input, Path output) {
        try (RasterSource src = Rasters.open(input)) {
            try {
                return enhance(src, EnhancedOutputs.sinkFor(output, src));
            } catch (AeroLuxException e) {
                throw e.file() == null && e instanceof BadInputException ? new BadInputException(input, e.getMessage(), e) : e;
            }
        }
    }

    /**
     * Enhances a raster into the sink {@code sinks} opens for an image like the input. The sink is committed on
     * success and closed (its partial output removed) on any failure or cancel.
     *
     * @throws BadInputException for inputs enhancement cannot use (palette images, two colour bands without bands)
     * @throws CancelledException when cancelled
     */
    public EnhancementResult enhance(RasterSource source, SinkFactory sinks) {
        long t0 = System.nanoTime();
        RasterInfo info = source.info();
        Path file = EnhancedOutputs.fileOf(source);
        if (source instanceof GeoTiffSource g && g.palette().isPresent())
            throw new BadInputException(file, "a palette (indexed colour) image holds colour indices, not intensities;"
                    + " expand it first, e.g. gdal_translate -expand rgb");
        BandSelection selection = BandSelection.resolve(info, options.bands().orElse(null), model.inputChannels(), file);
        listener.phase("value range");
        ValueRange range = options.range().orElseGet(() -> RangeEstimator.defaultRange(source, selection.distinct()));
        Duration rangeTime = Duration.ofNanos(System.nanoTime() - t0);
        ModePlan plan = ModePlanner.plan(info.width(), info.height(), model.card(), options.mode(), tiledGrid, options.batch(),
                options.budget(), ModePlanner.heapHeadroom());
        UnitRangeSource unit = new UnitRangeSource(source, range);
        listener.phase(plan.isWhole() ? "whole image" : "tiles");
        PipelineResult run;
        EnhancedRowsWriter writer;
        try (RasterSink sink = sinks.open(info)) {
            writer = new EnhancedRowsWriter(source, selection, range, sink);
            run = TiledPipeline.builder().source(unit).bands(selection.zeroBased()).model(model)
                    .normalisation(Normalisation.identity(selection.size())).grid(plan.grid())
                    .blender(plan.isWhole() ? Blender.CENTER : options.blender()).batchSize(plan.batch())
                    .progress(listener::progress).cancellation(cancellation).build().run(writer);
        }
        TiledGap gap;
        if (plan.isWhole()) {
            gap = TiledGap.notMeasured("not applicable: whole-image mode is the model's own result");
        } else {
            listener.phase("tiled-vs-whole probe");
            try {
                gap = GapProbe.measure(unit, selection.zeroBased(), model, plan, options.blender(), options.gapProbe(), cancellation);
            } catch (CancelledException e) {
                throw e;
            } catch (RuntimeException | OutOfMemoryError e) {
                gap = TiledGap.notMeasured("not measured: the probe failed (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            }
        }
        return new EnhancementResult(info, selection, writer.untouchedBands(), range, plan, run, gap.withSpan(range.span()), rangeTime,
                Duration.ofNanos(System.nanoTime() - t0));
    }

    /** Closes the model if this enhancer loaded it. */
    @Override
    public void close() {
        if (ownsModel) model.close();
    }

    /** Opens the output for an image like the input. */
    @FunctionalInterface
    public interface SinkFactory {
        RasterSink open(RasterInfo like);
    }

    /** Options of an {@link Enhancer}; everything but the model has a default. */
    public static final class Builder {
        private String modelRef = "cue-lowlight";
        private ModelRegistry registry = ModelRegistry.empty();
        private Model loaded;
        private int[] bands;
        private EnhancementMode mode = EnhancementMode.AUTO;
        private Integer tile, overlap;
        private Blender blender = Blender.COSINE;
        private int batch = 1;
        private DeviceRequest device = DeviceRequest.AUTO;
        private int threads;
        private CudaOptions cuda = CudaOptions.DEFAULT;
        private MemoryBudget budget;
        private ValueRange range;
        private int gapProbe = GapProbe.AUTO;
        private EnhancementListener listener = EnhancementListener.NONE;
        private Cancellation cancellation = new Cancellation();

        private Builder() {}

        /** A registry name or an .onnx path; default {@code cue-lowlight}. */
        public Builder model(String reference) { this.modelRef = reference; return this; }

        /** Where registry names are looked up (default: none, so only paths work). */
        public Builder registry(ModelRegistry registry) { this.registry = registry; return this; }

        /** An already loaded model (the caller keeps ownership); overrides {@link #model(String)}. */
        public Builder model(Model model) { this.loaded = model; return this; }

        /** 1-based input bands in model order (red, green, blue); a band may repeat. Default: 1,1,1 for grey, else 1,2,3. */
        public Builder bands(int... oneBased) { this.bands = oneBased == null ? null : oneBased.clone(); return this; }

        public Builder mode(EnhancementMode mode) { this.mode = mode; return this; }

        /** Tile edge for tiled mode, at least {@value Enhancer#MIN_TILE}; default the card's. */
        public Builder tile(int pixels) { this.tile = pixels; return this; }

        /** Overlap between tiles; default the card's; raised to {@code 2 x ModePlanner.BORDER_MARGIN} where smaller. */
        public Builder overlap(int pixels) { this.overlap = pixels; return this; }

        /** Default cosine. */
        public Builder blend(Blender blender) { this.blender = blender; return this; }

        /** Tiles per model call in tiled mode; default 1 (CUE tiles are large: batching multiplies memory, not speed). */
        public Builder batch(int tiles) { this.batch = tiles; return this; }

        public Builder device(DeviceRequest device) { this.device = device; return this; }

        /** ONNX Runtime threads per operator; 0 (default) = all cores. */
        public Builder threads(int threads) { this.threads = threads; return this; }

        /** CUDA arena limit and cuDNN search (used only when the model runs on CUDA; the device reason names them). */
        public Builder cuda(CudaOptions cuda) { this.cuda = java.util.Objects.requireNonNull(cuda); return this; }

        /** Default: {@link MemoryBudget#fromSystem()}. */
        public Builder memoryBudget(MemoryBudget budget) { this.budget = budget; return this; }

        /** The raw values of black and white; default: 0..255 for uint8, robust data percentiles otherwise. */
        public Builder range(ValueRange range) { this.range = range; return this; }

        /** Edge of the tiled-vs-whole probe in pixels; -1 (default) two tile strides, 0 off. */
        public Builder gapProbe(int edge) { this.gapProbe = edge; return this; }

        /** {@code --gap-probe} as users type it: auto, off (or 0), or an edge of at least 4 pixels. */
        public Builder gapProbe(String text) { return gapProbe(parseGapProbe(text)); }

        public Builder listener(EnhancementListener listener) { this.listener = listener; return this; }

        public Builder cancellation(Cancellation cancellation) { this.cancellation = cancellation; return this; }

        /**
         * Checks the options and loads the model.
         *
         * @throws UsageException  for bad options
         * @throws ModelException  for a missing or unsuitable model
         * @throws org.aerolux.core.DeviceException when the requested device cannot be used
         */
        public Enhancer build() {
            if (batch < 1) throw new UsageException(null, "--batch must be at least 1, got " + batch);
            if (gapProbe < -1) throw new UsageException(null, "--gap-probe must be auto, off or a size in pixels, got " + gapProbe);
            if (mode == null || blender == null || device == null || listener == null || cancellation == null)
                throw new IllegalStateException("mode, blend, device, listener and cancellation must not be null");
            if (bands != null && bands.length == 0) throw new UsageException(null, "--bands is empty");
            MemoryBudget b = budget != null ? budget : MemoryBudget.fromSystem();
            EnhancementOptions opts = new EnhancementOptions(loaded == null ? Optional.ofNullable(modelRef) : Optional.empty(),
                    Optional.ofNullable(bands), mode, tile == null ? OptionalInt.empty() : OptionalInt.of(tile),
                    overlap == null ? OptionalInt.empty() : OptionalInt.of(overlap), blender, batch, device, threads, b,
                    Optional.ofNullable(range), gapProbe);
            if (loaded != null) return new Enhancer(loaded, false, Optional.empty(), opts, grid(loaded.card()), listener, cancellation);
            ResolvedModel rm = new ModelResolver(registry).resolve(modelRef);
            Model m = OnnxModelLoader.load(rm, new InferenceOptions(device, threads, cuda));
            try {
                checkCard(m.card(), rm.file(), m);
                return new Enhancer(m, true, Optional.of(rm), opts, grid(m.card()), listener, cancellation);
            } catch (RuntimeException e) {
                m.close();
                throw e;
            }
        }

        private static void checkCard(ModelCard card, Path file, Model m) {
            if (card.modelType() != ModelType.ENHANCEMENT || card.output() != OutputKind.IMAGE)
                throw new ModelException(file, "model '" + card.name() + "' is a " + card.modelType().cardValue() + " model with "
                        + card.output().cardValue() + " output; enhance needs an enhancement (CUE) model with image output");
            if (m.inputChannels() != 3 || m.outputChannels() != 3)
                throw new ModelException(file, "model '" + card.name() + "' takes " + m.inputChannels() + " and gives "
                        + m.outputChannels() + " channels; a CUE model maps RGB to RGB");
        }

        private TileGrid grid(ModelCard card) {
            int m = card.sizeMultiple();
            // a card's own smaller tile is raised to the minimum (rounded up to its size multiple); a user's is refused
            int t = tile != null ? tile : (int) Math.max(card.tileSize(), (MIN_TILE + m - 1L) / m * m);
            int o = overlap != null ? overlap : card.overlap();
            if (t < MIN_TILE)
                throw new UsageException(null, String.format(Locale.ROOT, "--tile %d is too small for CUE: at least %d (the model sees"
                        + " the whole input, so small tiles drift apart from the whole-image result)", t, MIN_TILE));
            if (o < 0 || o >= t) throw new UsageException(null, "--overlap must be 0 or more and below --tile " + t + ", got " + o);
            return new TileGrid(t, ModePlanner.borderSafeOverlap(o, t), m);
        }
    }

    /** {@code auto} as -1, {@code off} or 0 as 0, else an edge of at least 4 pixels; anything else is a usage error. */
    public static int parseGapProbe(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("auto")) return -1;
        if (t.equals("off") || t.equals("0")) return 0;
        try {
            int n = Integer.parseInt(t);
            if (n >= 4) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(null, "--gap-probe must be auto, off or a size of at least 4 pixels, got '" + text + "'");
    }
}
