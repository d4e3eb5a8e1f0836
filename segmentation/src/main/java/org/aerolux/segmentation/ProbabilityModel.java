package org.aerolux.segmentation;

import java.util.stream.IntStream;
import org.aerolux.core.ModelException;
import org.aerolux.core.model.ForwardingModel;
import org.aerolux.core.model.Model;
import org.aerolux.core.model.ModelCard;
import org.aerolux.core.model.NchwTensor;
import org.aerolux.core.model.OutputKind;

/**
 * A segmentation model whose tiles come out as class probabilities softmax(z / T), so that the pipeline blends
 * probabilities, not logits or labels (FarSeg's official sliding window averages softmax outputs too). A model
 * whose card says {@code probabilities} is taken as is at T = 1; at another T its probabilities are tempered as
 * softmax(log p / T), i.e. p^(1/T) renormalised. The softmax is computed stably (max subtracted) in double.
 *
 * <p>A binary model ({@link ModelCard#isBinary()}, Deepness' single-channel sigmoid form) comes out as the two
 * channels background 1 - p and foreground p, with p = sigmoid(z / T) of a logit z, or sigmoid(logit(p) / T) of a
 * probability (the two-class softmax above, written for one channel; p itself at T = 1).
 */
public final class ProbabilityModel extends ForwardingModel {
    /** Floor of a probability before its logarithm is taken. */
    static final double MIN_PROBABILITY = 1e-15;

    private final double temperature;

    /**
     * @throws ModelException when the model is not a segmentation model with logits or probabilities
     */
    public ProbabilityModel(Model delegate, double temperature) {
        super(delegate);
        if (!(temperature > 0) || !Double.isFinite(temperature)) throw new IllegalArgumentException("temperature must be positive: " + temperature);
        OutputKind kind = delegate.card().output();
        if (kind == OutputKind.IMAGE)
            throw new ModelException(null, "model '" + delegate.card().name() + "' outputs an image, not class scores");
        this.temperature = temperature;
    }

    /** The temperature applied. */
    public double temperature() { return temperature; }

    @Override
    public int outputChannels() { return binary() ? 2 : delegate.outputChannels(); }

    private boolean binary() { return delegate.card().isBinary(); }

    @Override
    public NchwTensor run(NchwTensor batch) {
        NchwTensor out = delegate.run(batch);
        boolean logits = delegate.card().output() == OutputKind.LOGITS;
        if (binary()) return backgroundAndForeground(out, temperature, logits);
        if (!logits && temperature == 1.0) return out;
        softmaxInPlace(out, temperature, logits);
        return out;
    }

    /**
     * The two channels 1 - p and p of every pixel of a single-channel output: p = sigmoid(z / T) for a logit z,
     * sigmoid(logit(p) / T) for a probability (p clamped to [0, 1] first, as model outputs may stray by rounding).
     */
    static NchwTensor backgroundAndForeground(NchwTensor one, double temperature, boolean logits) {
        if (one.c() != 1) throw new IllegalStateException("a binary model outputs 1 channel, got " + one.c());
        int plane = one.h() * one.w();
        float[] in = one.data(), out = new float[2 * in.length];
        double invT = 1.0 / temperature;
        for (int n = 0; n < one.n(); n++) {
            int src = n * plane, dst = 2 * n * plane;
            for (int i = 0; i < plane; i++) {
                double v = in[src + i], p;
                if (Double.isNaN(v)) {
                    p = Double.NaN;
                } else if (logits) {
                    p = sigmoid(v * invT);
                } else {
                    p = Math.min(1.0, Math.max(0.0, v));
                    if (temperature != 1.0) {
                        double q = Math.min(1 - MIN_PROBABILITY, Math.max(MIN_PROBABILITY, p));
                        p = sigmoid(Math.log(q / (1 - q)) * invT);
                    }
                }
                out[dst + i] = (float) (1 - p);
                out[dst + plane + i] = (float) p;
            }
        }
        return new NchwTensor(out, one.n(), 2, one.h(), one.w());
    }

    /** 1 / (1 + e^-x), without overflow for large |x|. */
    static double sigmoid(double x) {
        if (x >= 0) return 1 / (1 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1 + e);
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
