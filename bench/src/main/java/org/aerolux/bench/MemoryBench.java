package org.aerolux.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.aerolux.core.inference.InferenceOptions;
import org.aerolux.core.inference.OnnxModelLoader;
import org.aerolux.core.inference.OnnxRuntimeModel;
import org.aerolux.core.pipeline.PipelineResult;
import org.aerolux.core.pipeline.TiledPipeline;
import org.aerolux.core.tile.Blender;
import org.aerolux.core.tile.TileGrid;

/**
 * Bounded memory: a generated WIDTH x HEIGHT x bands raster through the model into a checksum sink; run it under
 * a small heap (e.g. -Xmx1g) and read the peak resident set size it prints (VmHWM).
 *
 * <p>Usage: {@code MemoryBench MODEL.onnx WIDTH HEIGHT TILE OVERLAP BATCH THREADS}
 */
public final class MemoryBench {
    public static void main(String[] args) throws IOException {
        Path model = Path.of(args[0]);
        int width = Integer.parseInt(args[1]), height = Integer.parseInt(args[2]);
        int tile = Integer.parseInt(args[3]), overlap = Integer.parseInt(args[4]), batch = Integer.parseInt(args[5]);
        int threads = Integer.parseInt(args[6]);
        try (OnnxRuntimeModel m = OnnxModelLoader.load(model, InferenceOptions.cpu(threads))) {
            GeneratedRasterSource source = new GeneratedRasterSource(width, height, m.inputChannels());
            ChecksumConsumer sink = new ChecksumConsumer(height);
            long[] lastPrint = {System.nanoTime()};
            PipelineResult r = TiledPipeline.builder().source(source).model(m)
                    .grid(TileGrid.of(m.card()).withTileSize(tile).withOverlap(overlap)).blender(Blender.COSINE).batchSize(batch)
                    .progress(e -> {
                        if (System.nanoTime() - lastPrint[0] > 30_000_000_000L) {
                            lastPrint[0] = System.nanoTime();
                            System.out.printf(Locale.ROOT, "  %d/%d tiles, eta %s, rss peak %s%n", e.done(), e.total(),
                                    e.eta().map(d -> d.toSeconds() + " s").orElse("?"), status("VmHWM"));
                        }
                    }).build().run(sink);
            long heap = Runtime.getRuntime().maxMemory();
            System.out.printf(Locale.ROOT, "image %dx%dx%d (%.1f GB as float32), %d tiles of %d (overlap %d), batch %d, %d threads%n",
                    width, height, m.inputChannels(), (double) width * height * m.inputChannels() * 4 / 1e9, r.tilesTotal(), tile,
                    overlap, batch, threads);
            System.out.printf(Locale.ROOT, "done: %b, checksum %.6e, %.1f s, %.1f tiles/s, device %s%n", sink.finished(),
                    sink.checksum(), r.total().toNanos() / 1e9, r.tilesPerSecond(), r.device().device());
            System.out.printf(Locale.ROOT, "max heap %d MB, peak RSS (VmHWM) %s%n", heap >> 20, status("VmHWM"));
        }
    }

    /** A field of /proc/self/status, e.g. VmHWM. */
    static String status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith(field + ":")) return line.substring(field.length() + 1).trim();
        } catch (IOException e) {
            return "?";
        }
        return "?";
    }
}
