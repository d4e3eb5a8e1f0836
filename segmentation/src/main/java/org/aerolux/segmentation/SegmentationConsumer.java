package org.aerolux.segmentation;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.view.Views;
import org.aerolux.calibration.UncertaintyMaps;
import org.aerolux.core.pipeline.BlockConsumer;
import org.aerolux.core.pipeline.OutputBlock;
import org.aerolux.core.raster.RasterSink;

/**
 * Turns blended class probabilities, as the pipeline delivers them (full-width rows, NaN where the input is
 * nodata), into every requested output in one pass: labels (argmax, ties to the lowest class, 255 for nodata; for
 * a binary model foreground where its probability is at least the card's threshold),
 * probabilities, confidence (max probability), entropy (nats), label rows for the vectors, class statistics, and
 * any extra listener (e.g. calibration against ground truth).
 */
final class SegmentationConsumer implements BlockConsumer {
    /** The label value of nodata pixels. */
    static final int NODATA_LABEL = 255;

    private final int classes;
    private final OptionalDouble binaryThreshold;
    private final SegmentationSinks sinks;
    private final ClassStatistics statistics;
    private final List<BlockConsumer> listeners;
    private final RasterSink labels, probabilities, confidence, entropy;
    private final LabelRowsConsumer vectors;
    private JsonObject vectorSummary;

    /**
     * @param binaryThreshold for a binary model (2 channels, background and foreground): label 1 where the foreground
     *                        probability is at least this; empty for argmax
     */
    SegmentationConsumer(int classes, OptionalDouble binaryThreshold, SegmentationSinks sinks, ClassStatistics statistics,
                         List<BlockConsumer> listeners) {
        if (binaryThreshold.isPresent() && classes != 2)
            throw new IllegalArgumentException("a binary threshold needs 2 classes, got " + classes);
        this.classes = classes;
        this.binaryThreshold = binaryThreshold;
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
        byte[] lab = binaryThreshold.isPresent() ? binaryLabels(block, binaryThreshold.getAsDouble()) : labels(block);
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

    /**
     * Foreground (1) where the foreground probability (channel 1) is at least {@code threshold}, else background (0);
     * 255 where the pixel is nodata or its probability is not finite.
     */
    static byte[] binaryLabels(OutputBlock block, double threshold) {
        int n = block.width() * block.height();
        if (block.channels() != 2) throw new IllegalStateException("a binary model has 2 channels, got " + block.channels());
        float[] d = block.data();
        byte[] valid = block.valid();
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            float p = d[n + i];
            out[i] = valid[i] == 0 || !Float.isFinite(p) ? (byte) NODATA_LABEL : (byte) (p >= threshold ? 1 : 0);
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
