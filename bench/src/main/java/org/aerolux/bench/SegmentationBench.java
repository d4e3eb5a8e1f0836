package org.aerolux.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.aerolux.core.inference.InferenceOptions;
import org.aerolux.core.inference.OnnxModelLoader;
import org.aerolux.core.inference.OnnxRuntimeModel;
import org.aerolux.core.inference.RawSessionBaseline;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.model.ModelResolver;
import org.aerolux.core.model.RegistryLocation;
import org.aerolux.core.model.ResolvedModel;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.pipeline.ProgressListener;
import org.aerolux.segmentation.FileSegmentation;
import org.aerolux.segmentation.SegmentationOptions;
import org.aerolux.segmentation.SegmentationOutput;
import org.aerolux.segmentation.Segmenter;

/**
 * Efficiency of the whole segmentation path on a real GeoTIFF: tiles/s of a complete file run ({@code aerolux
 * segment}'s code: read the GeoTIFF, normalise, batch, model, softmax, blend probabilities, labels and confidence
 * into GeoTIFF files, provenance) divided by tiles/s of a bare ONNX Runtime {@code session.run} on the same input
 * tiles (captured in a warm-up run), same model, same threads, in one process. Rounds alternate; medians reported.
 *
 * <p>Usage: {@code SegmentationBench MODEL INPUT.tif THREADS ROUNDS BATCH OUTPUTS}, MODEL a registry name or .onnx path.
 */
public final class SegmentationBench {
    /** The model as is, left open when the segmenter closes (this bench closes it). */
    private record KeepOpen(org.aerolux.core.model.Model m) implements org.aerolux.core.model.Model {
        public org.aerolux.core.model.ModelCard card() { return m.card(); }

        public org.aerolux.core.model.DeviceReport device() { return m.device(); }

        public int inputChannels() { return m.inputChannels(); }

        public int outputChannels() { return m.outputChannels(); }

        public int fixedTileSize() { return m.fixedTileSize(); }

        public org.aerolux.core.model.NchwTensor run(org.aerolux.core.model.NchwTensor batch) { return m.run(batch); }

        public void close() {}
    }

    public static void main(String[] args) throws Exception {
        String modelRef = args[0];
        Path input = Path.of(args[1]);
        int threads = Integer.parseInt(args[2]), rounds = Integer.parseInt(args[3]), batch = Integer.parseInt(args[4]);
        var outputs = SegmentationOutput.parseList(args.length > 5 ? args[5] : "labels,confidence");
        ResolvedModel resolved = new ModelResolver(RegistryLocation.load(SegmentationBench.class)).resolve(modelRef);
        Path work = Files.createTempDirectory("aerolux-segbench");
        SegmentationOptions options = SegmentationOptions.builder().model(modelRef).device(DeviceRequest.CPU).threads(threads)
                .batch(batch).outputs(EnumSet.copyOf(outputs)).overwrite(true).build();
        try (OnnxRuntimeModel model = OnnxModelLoader.load(resolved, InferenceOptions.cpu(threads));
             RawSessionBaseline raw = RawSessionBaseline.open(resolved.file(), threads)) {
            CapturingModel capture = new CapturingModel(model);
            FileSegmentation.FileResult warm;
            try (Segmenter s = Segmenter.of(capture, Optional.of(resolved), options)) {
                warm = new FileSegmentation(s, work, null).segment(input, ProgressListener.NONE, new Cancellation());
            }
            raw.tilesPerSecond(capture.batches, 1); // warm-up
            long tiles = warm.result().pipeline().tilesTotal();
            List<Double> file = new ArrayList<>(), pipe = new ArrayList<>(), base = new ArrayList<>(), ratios = new ArrayList<>();
            FileSegmentation.FileResult last = warm;
            try (Segmenter s = Segmenter.of(new KeepOpen(model), Optional.of(resolved), options)) {
                FileSegmentation files = new FileSegmentation(s, work, null);
                for (int r = 0; r < rounds; r++) {
                    double rawTps = raw.tilesPerSecond(capture.batches, 1);
                    last = files.segment(input, ProgressListener.NONE, new Cancellation());
                    double fileTps = tiles / (last.elapsed().toNanos() / 1e9);
                    double pipeTps = last.result().pipeline().tilesPerSecond();
                    base.add(rawTps);
                    file.add(fileTps);
                    pipe.add(pipeTps);
                    ratios.add(fileTps / rawTps);
                    System.out.printf(Locale.ROOT, "round %d: file run %.3f tiles/s (pipeline %.3f), raw session.run %.3f tiles/s,"
                            + " ratio %.3f%n", r + 1, fileTps, pipeTps, rawTps, fileTps / rawTps);
                }
            }
            var p = last.result().pipeline();
            System.out.printf(Locale.ROOT, "model %s (%s), input %s %dx%d, %d tiles of %dx%d (tile %d, overlap %d), batch %d, %d threads,"
                            + " outputs %s, %s%n", modelRef, model.card().name(), input.getFileName(), p.layout().width(), p.layout().height(),
                    tiles, p.layout().tileWidth(), p.layout().tileHeight(), last.result().grid().tileSize(), last.result().grid().overlap(),
                    batch, threads, outputs, raw.version());
            System.out.printf(Locale.ROOT, "last file run: %.2f s (pipeline %.2f s: model %.2f s, read+normalise+cut %.2f s on the reader"
                            + " thread, blend %.2f s, outputs %.2f s)%n", last.elapsed().toNanos() / 1e9, PipelineBench.sec(p.total()),
                    PipelineBench.sec(p.model()), PipelineBench.sec(p.read()), PipelineBench.sec(p.blend()), PipelineBench.sec(p.write()));
            System.out.printf(Locale.ROOT, "MEDIAN file run %.3f tiles/s, pipeline %.3f tiles/s, raw %.3f tiles/s, efficiency %.3f"
                            + " (target >= 0.90); load average %s%n", PipelineBench.median(file), PipelineBench.median(pipe),
                    PipelineBench.median(base), PipelineBench.median(ratios), PipelineBench.loadAverage());
        } finally {
            try (var s = Files.list(work)) {
                for (Path f : s.toList()) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(work);
        }
    }
}
