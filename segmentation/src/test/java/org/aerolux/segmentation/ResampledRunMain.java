package org.aerolux.segmentation;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.model.ModelRegistry;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.pipeline.ProgressListener;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.GeoTiffSink;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.Rasters;
import org.aerolux.core.testing.TestImages;

/**
 * Child process of {@link ResampledBoundedMemoryTest}: streams a W x H RGB GeoTIFF at GSD G to disk, segments it
 * with the pointwise test model (card resolution 0.3 m, tile 256) into labels and confidence, and prints the
 * resolution decision and the peak heap used.
 *
 * <p>Usage: {@code ResampledRunMain DIR W H GSD [auto|off]}
 */
public final class ResampledRunMain {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int w = Integer.parseInt(args[1]), h = Integer.parseInt(args[2]);
        double gsd = Double.parseDouble(args[3]);
        Path in = dir.resolve("big.tif");
        try (GeoTiffSink s = GeoTiffSink.builder(in, w, h, 3, DataType.UINT8)
                .georeference(Georeference.of(Rasters.crs(32633), new Affine(500000, gsd, 0, 5000000, 0, -gsd))).build()) {
            TestImages.stream(s, w, h, 3, 64, (x, y, b) -> (int) (127 + 120 * Math.sin(x / 40.0 + b * 2.1) * Math.cos(y / 30.0 - b)));
            s.commit();
        }
        Path model = SegTestModels.dominant(Files.createDirectories(dir.resolve("m")), 256, 16, 8, 25.5, 1.0);
        Path card = dir.resolve("m/dominant.onnx.json");
        Files.writeString(card, Files.readString(card).replace("\"aerolux.temperature\": 1.0", "\"aerolux.temperature\": 1.0, \"aerolux.resolution_m\": 0.3"));
        SegmentationOptions o = SegmentationOptions.builder().model(model.toString()).device(DeviceRequest.CPU).threads(1)
                .outputs(EnumSet.of(SegmentationOutput.LABELS, SegmentationOutput.CONFIDENCE))
                .resample(Resample.parse(args.length > 4 ? args[4] : "auto")).build();
        Path out = Files.createDirectories(dir.resolve("out"));
        long t0 = System.nanoTime();
        try (Segmenter seg = Segmenter.open(o, ModelRegistry.empty())) {
            FileSegmentation.FileResult r = new FileSegmentation(seg, out).segment(in, ProgressListener.NONE, new Cancellation());
            long peak = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
                if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
            System.out.printf(Locale.ROOT, "resolution=%s tiles=%d seconds=%.1f peakHeapMB=%d maxHeapMB=%d%n",
                    r.result().resolution().summary().replace(' ', '_'), r.result().pipeline().tilesTotal(), (System.nanoTime() - t0) / 1e9,
                    peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
    }
}
