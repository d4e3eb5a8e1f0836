package org.aerolux.enhancement;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.aerolux.core.AeroLuxException;
import org.aerolux.core.BadInputException;
import org.aerolux.core.CancelledException;
import org.aerolux.core.ModelException;
import org.aerolux.core.UsageException;
import org.aerolux.core.inference.CudaOptions;
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
 * Holds a loaded model: open one, enhance many images (one at a time), close it. {@link FileEnhancement} runs it
 * over files for every front end.
 *
 * <pre>{@code
 * try (Enhancer e = Enhancer.open(EnhancementOptions.builder().threads(2).build(), registry)) {
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

    private Enhancer(Model model, boolean ownsModel, Optional<ResolvedModel> resolved, EnhancementOptions options,
                     EnhancementListener listener, Cancellation cancellation) {
        this.model = model;
        this.ownsModel = ownsModel;
        this.resolved = resolved;
        this.options = options;
        this.tiledGrid = grid(model.card(), options);
        this.listener = listener;
        this.cancellation = cancellation;
    }

    /**
     * Resolves {@code options.model()} (registry name, sha256 checked, or .onnx path) and loads it on the requested
     * device, as {@code Segmenter.open} does for segmentation.
     *
     * @throws UsageException  for options that do not fit the model (a tile below {@value #MIN_TILE})
     * @throws ModelException  for a missing or unsuitable model
     * @throws org.aerolux.core.DeviceException when the requested device cannot be used
     */
    public static Enhancer open(EnhancementOptions options, ModelRegistry registry) {
        return open(options, registry, EnhancementListener.NONE, new Cancellation());
    }

    private static Enhancer open(EnhancementOptions options, ModelRegistry registry, EnhancementListener listener, Cancellation cancel) {
        String ref = options.model().orElseThrow(() -> new UsageException(null, "model is required"));
        ResolvedModel rm = new ModelResolver(registry).resolve(ref);
        Model m = OnnxModelLoader.load(rm, options.inference());
        try {
            checkCard(m.card(), rm.file(), m);
            return new Enhancer(m, true, Optional.of(rm), options, listener, cancel);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** Wraps a model loaded elsewhere; the caller keeps it (it is not closed with this enhancer). */
    public static Enhancer of(Model model, EnhancementOptions options) {
        return new Enhancer(model, false, Optional.empty(), options, EnhancementListener.NONE, new Cancellation());
    }

    /** A builder of options and model in one (the older way to make an enhancer). */
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
    public EnhancementResult enhanceFile(Path input, Path output) { return enhanceFile(input, output, listener, cancellation); }

    /** As {@link #enhanceFile(Path, Path)}, reporting to {@code listener} and stopping on {@code cancel}. */
    public EnhancementResult enhanceFile(Path input, Path output, EnhancementListener listener, Cancellation cancel) {
        try (RasterSource src = Rasters.open(input)) {
            try {
                return enhance(src, EnhancedOutputs.sinkFor(output, src), listener, cancel);
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
    public EnhancementResult enhance(RasterSource source, SinkFactory sinks) { return enhance(source, sinks, listener, cancellation); }

    /** As {@link #enhance(RasterSource, SinkFactory)}, reporting to {@code listener} and stopping on {@code cancellation}. */
    public EnhancementResult enhance(RasterSource source, SinkFactory sinks, EnhancementListener listener, Cancellation cancellation) {
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

    /** {@link EnhancementOptions} plus where the model comes from, a listener and a cancellation, in one builder. */
    public static final class Builder {
        private final EnhancementOptions.Builder options = EnhancementOptions.builder();
        private ModelRegistry registry = ModelRegistry.empty();
        private Model loaded;
        private EnhancementListener listener = EnhancementListener.NONE;
        private Cancellation cancellation = new Cancellation();

        private Builder() {}

        /** A registry name or an .onnx path; default {@value EnhancementOptions#DEFAULT_MODEL}. */
        public Builder model(String reference) { options.model(reference); return this; }

        /** Where registry names are looked up (default: none, so only paths work). */
        public Builder registry(ModelRegistry registry) { this.registry = registry; return this; }

        /** An already loaded model (the caller keeps ownership); overrides {@link #model(String)}. */
        public Builder model(Model model) { this.loaded = model; return this; }

        /** See {@link EnhancementOptions.Builder#bands}. */
        public Builder bands(int... oneBased) { options.bands(oneBased); return this; }

        public Builder mode(EnhancementMode mode) { options.mode(mode); return this; }

        public Builder tile(int pixels) { options.tile(pixels); return this; }

        public Builder overlap(int pixels) { options.overlap(pixels); return this; }

        public Builder blend(Blender blender) { options.blend(blender); return this; }

        public Builder batch(int tiles) { options.batch(tiles); return this; }

        public Builder device(DeviceRequest device) { options.device(device); return this; }

        public Builder threads(int threads) { options.threads(threads); return this; }

        public Builder cuda(CudaOptions cuda) { options.cuda(cuda); return this; }

        public Builder memoryBudget(MemoryBudget budget) { options.memoryBudget(budget); return this; }

        public Builder range(ValueRange range) { options.range(range); return this; }

        public Builder gapProbe(int edge) { options.gapProbe(edge); return this; }

        public Builder gapProbe(String text) { options.gapProbe(text); return this; }

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
            if (listener == null || cancellation == null) throw new IllegalStateException("listener and cancellation must not be null");
            if (loaded != null) return new Enhancer(loaded, false, Optional.empty(), options.model(null).build(), listener, cancellation);
            return open(options.build(), registry, listener, cancellation);
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

    private static TileGrid grid(ModelCard card, EnhancementOptions options) {
        int m = card.sizeMultiple();
        // a card's own smaller tile is raised to the minimum (rounded up to its size multiple); a user's is refused
        int t = options.tile().orElse((int) Math.max(card.tileSize(), (MIN_TILE + m - 1L) / m * m));
        int o = options.overlap().orElse(card.overlap());
        if (t < MIN_TILE)
            throw new UsageException(null, String.format(Locale.ROOT, "--tile %d is too small for CUE: at least %d (the model sees"
                    + " the whole input, so small tiles drift apart from the whole-image result)", t, MIN_TILE));
        if (o < 0 || o >= t) throw new UsageException(null, "--overlap must be 0 or more and below --tile " + t + ", got " + o);
        return new TileGrid(t, ModePlanner.borderSafeOverlap(o, t), m);
    }

    /** See {@link EnhancementOptions#parseGapProbe}. */
    public static int parseGapProbe(String text) { return EnhancementOptions.parseGapProbe(text); }
}
