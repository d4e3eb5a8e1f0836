package org.aerolux.segmentation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.aerolux.core.ModelException;
import org.aerolux.core.inference.BatchSizer;
import org.aerolux.core.UsageException;
import org.aerolux.core.inference.OnnxModelLoader;
import org.aerolux.core.model.BandRoles;
import org.aerolux.core.model.Model;
import org.aerolux.core.model.ModelCard;
import org.aerolux.core.model.ModelRegistry;
import org.aerolux.core.model.ModelResolver;
import org.aerolux.core.model.ModelType;
import org.aerolux.core.model.OutputKind;
import org.aerolux.core.model.ResolvedModel;
import org.aerolux.core.pipeline.AsyncBlockConsumer;
import org.aerolux.core.pipeline.BlockConsumer;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.pipeline.PipelineResult;
import org.aerolux.core.pipeline.ProgressListener;
import org.aerolux.core.pipeline.TiledPipeline;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.core.resample.GridBackMapper;
import org.aerolux.core.resample.InputMask;
import org.aerolux.core.resample.ResampledSource;
import org.aerolux.core.tile.TileGrid;
import org.aerolux.segmentation.area.PixelAreaModel;

/**
 * FarSeg segmentation of any raster through the tiled pipeline: selected bands, card normalisation, tiles with a
 * halo, softmax(z / T) per tile, blending of the probabilities, then labels, probabilities, confidence, entropy,
 * vectors and class statistics from one pass. The model is loaded once; {@link #run} may be called for many
 * rasters in turn (one at a time). Sources and sinks are interfaces, so the same run serves GeoTIFF files
 * ({@link FileSegmentation}) and in-memory images (the Fiji front end).
 *
 * <pre>{@code
 * try (Segmenter s = Segmenter.open(options, registry)) {
 *     SegmentationResult r = s.run(source, sinks, progress, cancellation);
 * }
 * }</pre>
 */
public final class Segmenter implements AutoCloseable {
    private final SegmentationOptions options;
    private final Optional<ResolvedModel> resolved;
    private final Model model;
    private final double temperature;
    private final Duration loadTime;

    private Segmenter(SegmentationOptions options, Optional<ResolvedModel> resolved, Model model, Duration loadTime) {
        this.options = options;
        this.resolved = resolved;
        this.model = model;
        this.loadTime = loadTime;
        this.temperature = options.temperature().resolve(model.card());
        options.grid(model.card()); // tile and overlap that do not fit the model fail now, before any input is read
    }

    /**
     * Resolves {@code options.model()} (registry name, sha256 checked, or .onnx path) and loads it on the requested
     * device.
     *
     * @throws ModelException for an unknown, broken or non-segmentation model (exit 4)
     * @throws org.aerolux.core.DeviceException when {@code gpu} was requested and cannot be used (exit 5)
     */
    public static Segmenter open(SegmentationOptions options, ModelRegistry registry) {
        ResolvedModel r = new ModelResolver(registry).resolve(options.model());
        long t0 = System.nanoTime();
        Model m = OnnxModelLoader.load(r, options.inference());
        try {
            return new Segmenter(options, Optional.of(r), checked(m, r), Duration.ofNanos(System.nanoTime() - t0));
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** Wraps a model loaded elsewhere (e.g. by a front end that keeps it open); it is closed with this segmenter. */
    public static Segmenter of(Model model, Optional<ResolvedModel> resolved, SegmentationOptions options) {
        return new Segmenter(options, resolved, checked(model, resolved.orElse(null)), Duration.ZERO);
    }

    private static Model checked(Model m, ResolvedModel r) {
        ModelCard card = m.card();
        java.nio.file.Path file = r == null ? null : r.file();
        if (card.modelType() != ModelType.SEGMENTATION)
            throw new ModelException(file, "model '" + card.name() + "' is an " + card.modelType().cardValue()
                    + " model; segmentation needs a segmentation model");
        if (card.output() == OutputKind.IMAGE)
            throw new ModelException(file, "model '" + card.name() + "' outputs an image, not class scores (aerolux.output)");
        if (card.classCount() < 2) throw new ModelException(file, "model '" + card.name() + "' has fewer than 2 classes");
        if (card.classCount() > SegmentationConsumer.NODATA_LABEL)
            throw new ModelException(file, "model '" + card.name() + "' has " + card.classCount()
                    + " classes; uint8 labels hold at most 255 (255 is nodata)");
        return m;
    }

    /** The options this segmenter runs with. */
    public SegmentationOptions options() { return options; }

    /** The loaded model (its card, the device it runs on). */
    public Model model() { return model; }

    /** Where the model came from, when it was resolved by this segmenter or given. */
    public Optional<ResolvedModel> resolved() { return resolved; }

    /** The softmax temperature applied (explicit, or the card's for auto). */
    public double temperature() { return temperature; }

    /** Time taken to load the model (zero for a model given to {@link #of}). */
    public Duration loadTime() { return loadTime; }

    /** Tiles per model call for {@code grid}: as given, or (auto) from the free memory of the GPU the model runs on. */
    public BatchSizer.Choice batchFor(TileGrid grid) {
        return BatchSizer.forModel(options.batch(), model.device(), model.card(), grid.tileSize(), options.cuda());
    }

    /** The tile grid for this model and options. */
    public TileGrid grid() { return options.grid(model.card()); }

    /** Where {@link #bandsFor} takes the bands from, in words for the provenance. */
    public String bandsSource(RasterInfo info) {
        if (options.bands().isPresent()) return "--bands";
        if (BandRoles.match(model.card().inputBands(), info.bandDescriptions()).filter(m -> m.length == model.inputChannels()).isPresent())
            return "model card (input roles " + String.join(", ", model.card().inputBands()) + " found in the band descriptions)";
        return "default (the first bands of the input; no band descriptions name the card's input roles)";
    }

    /**
     * The 1-based bands fed to the model for a raster: as given; else the bands whose descriptions name the card's
     * input roles ({@link BandRoles}); else the first N.
     *
     * @throws UsageException when they do not fit the raster or the model
     */
    public int[] bandsFor(RasterInfo info) {
        int need = model.inputChannels();
        int[] b = options.bands().orElse(null);
        if (b == null) b = BandRoles.match(model.card().inputBands(), info.bandDescriptions())
                .filter(m -> m.length == need).orElse(null);
        if (b == null) {
            if (info.bandCount() < need)
                throw new UsageException(null, "the model takes " + need + " bands (" + String.join(", ", model.card().inputBands())
                        + ") but the input has " + info.bandCount() + "; choose them with --bands, e.g. --bands "
                        + String.join(",", java.util.Collections.nCopies(need, "1")) + " (a band may repeat)");
            b = new int[need];
            for (int i = 0; i < need; i++) b[i] = i + 1;
        }
        if (b.length != need)
            throw new UsageException(null, "--bands lists " + b.length + " bands but the model takes " + need + " ("
                    + String.join(", ", model.card().inputBands()) + ")");
        for (int v : b)
            if (v > info.bandCount())
                throw new UsageException(null, "--bands: band " + v + " does not exist; the input has " + info.bandCount()
                        + " band" + (info.bandCount() == 1 ? "" : "s") + " (numbered from 1)");
        return b;
    }

    /**
     * Whether and how a run on this input resamples to the card's ground resolution ({@code --resample},
     * {@code --input-resolution}).
     *
     * @throws UsageException when the model grid would be too large
     */
    public ResolutionPlan resolutionPlan(RasterInfo info) {
        return ResolutionPlan.decide(options.resample(), options.inputResolution(), model.card().resolutionM(), info);
    }

    /**
     * The buffers of a run over {@code info} with {@code outputs}, sized to the heap usable now
     * ({@link MemoryPlanner}). Make it before the outputs are created: it chooses their GeoTIFF tile.
     *
     * @throws org.aerolux.core.HeapMemoryException when even the smallest plan does not fit (exit code 6)
     */
    public MemoryPlan planFor(RasterInfo info, java.util.Set<SegmentationOutput> outputs) {
        TileGrid g = grid();
        // a resampled run holds tiles and blend rows on the model grid and output rows on the input grid: plan for
        // the larger of the two in each direction
        int width = info.width(), height = info.height();
        var modelGrid = resolutionPlan(info).grid();
        if (modelGrid.isPresent()) {
            width = Math.max(width, modelGrid.get().modelWidth());
            height = Math.max(height, modelGrid.get().modelHeight());
        }
        MemoryPlanner.Run run = new MemoryPlanner.Run(width, height, model.inputChannels(), model.card().classCount(),
                outputs, g, options.tile().isPresent(), model.fixedTileSize(), batchFor(g).batch());
        try {
            MemoryPlan p = MemoryPlanner.plan(run, MemoryPlanner.usableHeap());
            if (p.steps().isEmpty()) return p;
        } catch (org.aerolux.core.HeapMemoryException e) {
            // decided below, on the heap without the garbage of earlier runs
        }
        // "in use" counts garbage (e.g. of the previous file of a folder): collect it before shrinking or refusing
        System.gc();
        return MemoryPlanner.plan(run, MemoryPlanner.usableHeap());
    }

    /**
     * Segments {@code source} into {@code sinks} (closed when done; committed on success, removed otherwise), with
     * class areas from {@code areas} (e.g. {@code PixelAreaModel.of(source.info().georeference())}).
     * {@code listeners} also receive every block of blended probabilities (NaN at nodata).
     *
     * @throws org.aerolux.core.CancelledException when cancelled (no output is left)
     */
    public SegmentationResult run(RasterSource source, SegmentationSinks sinks, PixelAreaModel areas, ProgressListener progress,
                                  Cancellation cancellation, List<BlockConsumer> listeners) {
        return runAt(temperature, source, sinks, areas, progress, cancellation, listeners, null);
    }

    /** As {@link #run}, with the buffers of {@code plan} (from {@link #planFor}, made before the sinks). */
    public SegmentationResult run(RasterSource source, SegmentationSinks sinks, PixelAreaModel areas, ProgressListener progress,
                                  Cancellation cancellation, List<BlockConsumer> listeners, MemoryPlan plan) {
        return runAt(temperature, source, sinks, areas, progress, cancellation, listeners, plan);
    }

    /** As {@link #run}, at another temperature (the calibration's second pass); a null plan is made here. */
    SegmentationResult runAt(double temperature, RasterSource source, SegmentationSinks sinks, PixelAreaModel areas,
                             ProgressListener progress, Cancellation cancellation, List<BlockConsumer> listeners, MemoryPlan givenPlan) {
        MemoryPlan plan;
        ClassStatistics stats;
        SegmentationConsumer consumer;
        TiledPipeline pipeline;
        int[] bands;
        String bandsFrom;
        TileGrid grid;
        BatchSizer.Choice batch;
        ResolutionPlan resolution;
        BlockConsumer outputs;
        try {
            RasterInfo info = source.info();
            bands = bandsFor(info);
            bandsFrom = bandsSource(info);
            batch = batchFor(grid());
            resolution = resolutionPlan(info);
            plan = givenPlan != null ? givenPlan : planFor(info, sinks.outputs());
            grid = plan.grid();
            RasterSource modelSource = resolution.grid().<RasterSource>map(g -> new ResampledSource(source, g)).orElse(source);
            pipeline = TiledPipeline.builder().source(modelSource).model(new ProbabilityModel(model, temperature))
                    .bands(java.util.Arrays.stream(bands).map(v -> v - 1).toArray()).grid(grid).blender(options.blend())
                    .batchSize(plan.batch()).blockRows(plan.blockRows()).readAhead(plan.readAhead())
                    .progress(progress).cancellation(cancellation).build();
            stats = new ClassStatistics(model.card().classes(), info.width(), areas);
            consumer = new SegmentationConsumer(model.card().classCount(), model.card().binaryThreshold(), sinks, stats, listeners);
            // resampled runs: the model-grid rows are mapped back onto the input grid before any output is made
            int[] zeroBased = java.util.Arrays.stream(bands).map(v -> v - 1).toArray();
            outputs = resolution.grid().<BlockConsumer>map(g -> new GridBackMapper(g, model.outputChannels(), consumer,
                    InputMask.of(source, zeroBased))).orElse(consumer);
        } catch (RuntimeException e) {
            closeQuietly(sinks, listeners, e);
            throw e;
        }
        // outputs are made on their own thread while the model runs the next tiles
        PipelineResult result = pipeline.run(new AsyncBlockConsumer(outputs, 1));
        // the out-of-memory back-off may have shrunk the tiles: report the grid the outputs were made with
        TileGrid used = result.backoff().finalTile() == grid.tileSize() ? grid
                : new TileGrid(result.backoff().finalTile(), result.backoff().finalGrid().overlap(), grid.sizeMultiple());
        return new SegmentationResult(result, used, bands, bandsFrom, temperature, stats.summary(), consumer.vectorSummary(),
                plan.batch() == batch.batch() ? batch.reason() : batch.reason() + "; memory plan: " + plan.batch(), resolution, plan);
    }

    private static void closeQuietly(SegmentationSinks sinks, List<BlockConsumer> listeners, RuntimeException failure) {
        for (BlockConsumer l : listeners) {
            try {
                l.close();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        try {
            sinks.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Closes the model. */
    @Override
    public void close() { model.close(); }
}
