package org.aerolux.segmentation;

import java.util.stream.IntStream;
import org.aerolux.core.ModelException;
import org.aerolux.core.model.DeviceReport;
import org.aerolux.core.model.Model;
import org.aerolux.core.model.ModelCard;
import org.aerolux.core.model.NchwTensor;
import org.aerolux.core.model.OutputKind;

/**
 * A segmentation model whose tiles come out as class probabilities softmax(z / T), so that the pipeline blends
 * probabilities, not logits or labels (FarSeg's official sliding window averages softmax outputs too). A model
 * whose card says {@code probabilities} is taken as is at T = 1; at another T its probabilities are tempered as
 * softmax(log p / T), i.e. p^(1/T) renormalised. The softmax is computed stably (max subtracted) in double.
 */
public final class ProbabilityModel implements Model {
    /** Floor of a probability before its logarithm is taken. */
    static final double MIN_PROBABILITY = 1e-15;

    private final Model delegate;
    private final double temperature;

    /**
     * @throws ModelException when the model is not a segmentation model with logits or probabilities
     */
    public ProbabilityModel(Model delegate, double temperature) {
        if (!(temperature > 0) || !Double.isFinite(temperature)) throw new IllegalArgumentException("temperature must be positive: " + temperature);
        OutputKind kind = delegate.card().output();
        if (kind == OutputKind.IMAGE)
            throw new ModelException(null, "model '" + delegate.card().name() + "' outputs an image, not class scores");
        this.delegate = delegate;
        this.temperature = temperature;
    }

    /** The temperature applied. */
    public double temperature() { return temperature; }

    /** The wrapped model. */
    public Model delegate() { return delegate; }

    @Override
    public ModelCard card() { return delegate.card(); }

    @Override
    public DeviceReport device() { return delegate.device(); }

    @Override
    public int inputChannels() { return delegate.inputChannels(); }

    @Override
    public int outputChannels() { return delegate.outputChannels(); }

    @Override
    public int fixedTileSize() { return delegate.fixedTileSize(); }

    @Override
    public NchwTensor run(NchwTensor batch) {
        NchwTensor out = delegate.run(batch);
        boolean logits = delegate.card().output() == OutputKind.LOGITS;
        if (!logits && temperature == 1.0) return out;
        softmaxInPlace(out, temperature, logits);
        return out;
    }

    /** Pixels per parallel chunk of the softmax. */
    private static final int CHUNK = 1 << 15;

    /**
     * Replaces the C channels of every pixel of every image with softmax(z / T) (or of log p / T), in double, the
     * maximum subtracted first; chunks of pixels run in parallel (the model is idle meanwhile).
     */
    static void softmaxInPlace(NchwTensor t, double temperature, boolean logits) {
        int plane = t.h() * t.w();
        int chunksPerImage = (plane + CHUNK - 1) / CHUNK;
        IntStream.range(0, t.n() * chunksPerImage).parallel().forEach(job -> {
            int n = job / chunksPerImage, from = (job % chunksPerImage) * CHUNK;
            softmax(t.data(), n * t.c() * plane, plane, t.c(), from, Math.min(plane, from + CHUNK), 1.0 / temperature, logits);
        });
    }

    private static void softmax(float[] d, int base, int plane, int c, int from, int to, double invT, boolean logits) {
        double[] z = new double[c];
        for (int i = from; i < to; i++) {
            double max = Double.NEGATIVE_INFINITY;
            boolean nan = false;
            for (int k = 0; k < c; k++) {
                double v = d[base + k * plane + i];
                if (!logits) v = Math.log(Math.max(v, MIN_PROBABILITY));
                v *= invT;
                z[k] = v;
                if (v > max) max = v;
                nan |= Double.isNaN(v);
            }
            if (nan || Double.isInfinite(max)) {
                for (int k = 0; k < c; k++) d[base + k * plane + i] = Float.NaN;
                continue;
            }
            double sum = 0;
            for (int k = 0; k < c; k++) {
                z[k] = Math.exp(z[k] - max);
                sum += z[k];
            }
            double inv = 1 / sum;
            for (int k = 0; k < c; k++) d[base + k * plane + i] = (float) (z[k] * inv);
        }
    }

    @Override
    public void close() { delegate.close(); }
}
