package org.aerolux.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.aerolux.core.inference.InferenceOptions;
import org.aerolux.core.inference.OnnxModelLoader;
import org.aerolux.core.inference.OnnxRuntimeModel;
import org.aerolux.core.inference.RawSessionBaseline;
import org.aerolux.core.pipeline.PipelineResult;
import org.aerolux.core.pipeline.TiledPipeline;
import org.aerolux.core.tile.Blender;
import org.aerolux.core.tile.TileGrid;

/**
 * Pipeline efficiency: end-to-end tiles/s of {@link TiledPipeline} (generated source, normalise, batch, model,
 * blend, checksum sink) divided by tiles/s of a bare ONNX Runtime {@code session.run} on the same tiles, same
 * model, same threads, in one process. Rounds alternate so machine load hits both alike; medians are reported.
 *
 * <p>Usage: {@code PipelineBench MODEL.onnx WIDTH HEIGHT TILE OVERLAP BATCH THREADS BLEND ROUNDS}
 */
public final class PipelineBench {
    public static void main(String[] args) {
        Path model = Path.of(args[0]);
        int width = Integer.parseInt(args[1]), height = Integer.parseInt(args[2]);
        int tile = Integer.parseInt(args[3]), overlap = Integer.parseInt(args[4]), batch = Integer.parseInt(args[5]);
        int threads = Integer.parseInt(args[6]);
        Blender blender = Blender.parse(args[7]);
        int rounds = Integer.parseInt(args[8]);
        try (OnnxRuntimeModel m = OnnxModelLoader.load(model, InferenceOptions.cpu(threads));
             RawSessionBaseline raw = RawSessionBaseline.open(model, threads)) {
            TileGrid grid = TileGrid.of(m.card()).withTileSize(tile).withOverlap(overlap);
            GeneratedRasterSource source = new GeneratedRasterSource(width, height, m.inputChannels());
            // warm-up run that also captures the exact input batches for the baseline
            CapturingModel capture = new CapturingModel(m);
            PipelineResult warm = pipeline(source, capture, grid, blender, batch).run(new ChecksumConsumer(height));
            long tilesPerRun = warm.tilesTotal();
            raw.tilesPerSecond(capture.batches, 1); // warm-up
            List<Double> pipe = new ArrayList<>(), base = new ArrayList<>(), ratios = new ArrayList<>();
            PipelineResult last = warm;
            for (int r = 0; r < rounds; r++) {
                double rawTps = raw.tilesPerSecond(capture.batches, 1);
                ChecksumConsumer sink = new ChecksumConsumer(height);
                last = pipeline(source, m, grid, blender, batch).run(sink);
                double pipeTps = last.tilesPerSecond();
                base.add(rawTps);
                pipe.add(pipeTps);
                ratios.add(pipeTps / rawTps);
                System.out.printf(Locale.ROOT, "round %d: pipeline %.2f tiles/s, raw session.run %.2f tiles/s, ratio %.3f%n",
                        r + 1, pipeTps, rawTps, pipeTps / rawTps);
            }
            System.out.printf(Locale.ROOT, "model %s, image %dx%dx%d, %d tiles of %dx%d (overlap %d), batch %d, %d threads, blend %s, %s%n",
                    model.getFileName(), width, height, m.inputChannels(), tilesPerRun, warm.layout().tileWidth(),
                    warm.layout().tileHeight(), overlap, batch, threads, blender.name(), raw.version());
            System.out.printf(Locale.ROOT, "last pipeline run: total %.2f s, model %.2f s, read+normalise+cut %.2f s (reader thread), "
                            + "blend %.2f s, sink %.2f s%n", sec(last.total()), sec(last.model()), sec(last.read()),
                    sec(last.blend()), sec(last.write()));
            System.out.printf(Locale.ROOT, "MEDIAN pipeline %.2f tiles/s, raw %.2f tiles/s, efficiency %.3f (target >= 0.90);"
                    + " load average %s%n", median(pipe), median(base), median(ratios), loadAverage());
        }
    }

    private static TiledPipeline pipeline(GeneratedRasterSource source, org.aerolux.core.model.Model model, TileGrid grid,
                                          Blender blender, int batch) {
        return TiledPipeline.builder().source(source).model(model).grid(grid).blender(blender).batchSize(batch).build();
    }

    static double sec(java.time.Duration d) { return d.toNanos() / 1e9; }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
