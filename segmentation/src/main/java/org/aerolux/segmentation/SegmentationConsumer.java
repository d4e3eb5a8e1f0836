package org.aerolux.segmentation;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.view.Views;
import org.aerolux.calibration.UncertaintyMaps;
import org.aerolux.core.pipeline.BlockConsumer;
import org.aerolux.core.pipeline.OutputBlock;
import org.aerolux.core.raster.RasterSink;

/**
 * Turns blended class probabilities, as the pipeline delivers them (full-width rows, NaN where the input is
 * nodata), into every requested output in one pass: labels (argmax, ties to the lowest class, 255 for nodata),
 * probabilities, confidence (max probability), entropy (nats), label rows for the vectors, class statistics, and
 * any extra listener (e.g. calibration against ground truth).
 */
final class SegmentationConsumer implements BlockConsumer {
    /** The label value of nodata pixels. */
    static final int NODATA_LABEL = 255;

    private final int classes;
    private final SegmentationSinks sinks;
    private final ClassStatistics statistics;
    private final List<BlockConsumer> listeners;
    private final RasterSink labels, probabilities, confidence, entropy;
    private final LabelRowsConsumer vectors;
    private JsonObject vectorSummary;

    SegmentationConsumer(int classes, SegmentationSinks sinks, ClassStatistics statistics, List<BlockConsumer> listeners) {
        this.classes = classes;
        this.sinks = sinks;
        this.statistics = statistics;
        this.listeners = List.copyOf(listeners);
        this.labels = sinks.raster(SegmentationOutput.LABELS).orElse(null);
        this.probabilities = sinks.raster(SegmentationOutput.PROBABILITIES).orElse(null);
        this.confidence = sinks.raster(SegmentationOutput.CONFIDENCE).orElse(null);
        this.entropy = sinks.raster(SegmentationOutput.ENTROPY).orElse(null);
        this.vectors = sinks.vectors().orElse(null);
    }

    @Override
    public void accept(OutputBlock block) {
        if (block.channels() != classes)
            throw new IllegalStateException("expected " + classes + " probability channels, got " + block.channels());
        int w = block.width(), h = block.height(), n = w * h;
        byte[] lab = labels(block);
        if (labels != null) labels.write(Views.translate(ArrayImgs.unsignedBytes(lab, w, h, 1), 0, block.minY(), 0));
        if (probabilities != null) probabilities.write(block.channelsView());
        if (confidence != null) {
            float[] conf = UncertaintyMaps.confidence(block.data(), classes, n, null);
            confidence.write(Views.translate(ArrayImgs.floats(conf, w, h, 1), 0, block.minY(), 0));
        }
        if (entropy != null) {
            float[] ent = UncertaintyMaps.entropy(block.data(), classes, n, null);
            entropy.write(Views.translate(ArrayImgs.floats(ent, w, h, 1), 0, block.minY(), 0));
        }
        statistics.accept(block.minY(), lab, h);
        if (vectors != null) vectors.acceptRows(Math.toIntExact(block.minY()), lab, h);
        for (BlockConsumer l : listeners) l.accept(block);
    }

    /** Argmax per pixel (ties to the lowest class); 255 where the pixel is nodata or has no finite probability. */
    static byte[] labels(OutputBlock block) {
        int n = block.width() * block.height(), c = block.channels();
        float[] d = block.data();
        byte[] valid = block.valid();
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            if (valid[i] == 0) {
                out[i] = (byte) NODATA_LABEL;
                continue;
            }
            int best = -1;
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                float v = d[k * n + i];
                if (v > max) {
                    max = v;
                    best = k;
                }
            }
            out[i] = (byte) (best < 0 ? NODATA_LABEL : best);
        }
        return out;
    }

    @Override
    public void finish() {
        for (RasterSink s : rasterSinks()) s.commit();
        if (vectors != null) vectorSummary = vectors.finish();
        for (BlockConsumer l : listeners) l.finish();
    }

    /** What the vector output reported, if any. */
    Optional<JsonObject> vectorSummary() { return Optional.ofNullable(vectorSummary); }

    @Override
    public void close() {
        RuntimeException first = null;
        for (BlockConsumer l : listeners) {
            try {
                l.close();
            } catch (RuntimeException e) {
                first = e;
            }
        }
        try {
            sinks.close();
        } catch (RuntimeException e) {
            if (first == null) first = e;
            else first.addSuppressed(e);
        }
        if (first != null) throw first;
    }

    private List<RasterSink> rasterSinks() {
        List<RasterSink> list = new ArrayList<>();
        for (RasterSink s : new RasterSink[] {labels, probabilities, confidence, entropy}) if (s != null) list.add(s);
        return list;
    }
}
