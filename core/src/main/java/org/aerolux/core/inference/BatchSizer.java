package org.aerolux.core.inference;

import java.util.OptionalLong;
import org.aerolux.core.model.DeviceReport;
import org.aerolux.core.model.ModelCard;

/**
 * The tiles per model call for {@code --batch auto}: on a GPU, as many tiles as fit in the free memory (80 %,
 * less the CUDA arena limit and a reserve for the CUDA context, cuDNN workspaces and the weights) at the card's
 * activation estimate; on the CPU, or when free memory is unknown, {@link #FALLBACK}. An explicit {@code --batch N}
 * is used as given (the pipeline's out-of-memory back-off still protects it).
 */
public final class BatchSizer {
    /** The batch on the CPU and where free GPU memory is unknown (the command line's former default). */
    public static final int FALLBACK = 4;
    /** The largest automatic batch (more tiles per call hardly add throughput and delay the first rows). */
    public static final int MAX_AUTO = 32;
    /** See {@link ModelCard#ACTIVATION_KEY}. */
    public static final String ACTIVATION_KEY = ModelCard.ACTIVATION_KEY;
    /** See {@link ModelCard#DEFAULT_ACTIVATION_BYTES_PER_PIXEL}. */
    public static final long DEFAULT_ACTIVATION_BYTES_PER_PIXEL = ModelCard.DEFAULT_ACTIVATION_BYTES_PER_PIXEL;
    /** Kept free for the CUDA context, cuDNN workspaces and the weights. */
    public static final long RESERVE_BYTES = 1L << 30;
    static final double USABLE_FRACTION = 0.8;

    private BatchSizer() {}

    /**
     * A batch size and where it came from.
     *
     * @param batch  tiles per model call
     * @param reason one line for provenance, e.g. "auto: 12 tiles of 512 px fit in 60.0 GiB free on gpu:0"
     */
    public record Choice(int batch, String reason) {}

    /** Bytes one tile of {@code tile} x {@code tile} px needs: the card's activation estimate, plus input and output. */
    public static long bytesPerTile(ModelCard card, int tile) {
        long perPixel = activationBytesPerPixel(card) + 4L * (card.bandCount() + card.expectedOutputChannels());
        return perPixel * tile * tile;
    }

    /** See {@link ModelCard#activationBytesPerPixel()}. */
    public static long activationBytesPerPixel(ModelCard card) { return card.activationBytesPerPixel(); }

    /**
     * The pure decision.
     *
     * @param requested    the user's batch, or 0 for auto
     * @param onGpu        whether the model runs on a GPU
     * @param device       e.g. "gpu:0", for the reason
     * @param freeBytes    free memory of that GPU, when known
     * @param gpuMemLimit  the CUDA arena limit (0 = none)
     * @param bytesPerTile {@link #bytesPerTile}
     * @param tile         tile edge, for the reason
     */
    public static Choice choose(int requested, boolean onGpu, String device, OptionalLong freeBytes, long gpuMemLimit,
                                long bytesPerTile, int tile) {
        if (requested > 0) return new Choice(requested, "--batch " + requested);
        if (!onGpu) return new Choice(FALLBACK, "auto: " + FALLBACK + " on the CPU");
        if (freeBytes.isEmpty()) return new Choice(FALLBACK, "auto: free GPU memory unknown; " + FALLBACK);
        long budget = (long) (freeBytes.getAsLong() * USABLE_FRACTION);
        String limit = "";
        if (gpuMemLimit > 0 && gpuMemLimit < budget) {
            budget = gpuMemLimit;
            limit = " (gpu_mem_limit " + CudaOptions.bytesText(gpuMemLimit) + ")";
        }
        budget -= RESERVE_BYTES;
        long fit = bytesPerTile <= 0 ? MAX_AUTO : Math.max(0, budget) / bytesPerTile;
        int batch = (int) Math.max(1, Math.min(MAX_AUTO, fit));
        return new Choice(batch, String.format(java.util.Locale.ROOT, "auto: %d tile%s of %d px (%.0f MiB each) for %.1f GiB free on %s%s%s",
                batch, batch == 1 ? "" : "s", tile, bytesPerTile / 1048576.0, freeBytes.getAsLong() / (double) (1L << 30), device,
                limit, fit > MAX_AUTO ? ", capped at " + MAX_AUTO : fit < 1 ? ", not even one fits: 1 (the back-off may shrink tiles)" : ""));
    }

    /** {@link #choose} for a loaded model, asking nvidia-smi for the free memory when the model runs on a GPU. */
    public static Choice forModel(int requested, DeviceReport device, ModelCard card, int tile, CudaOptions cuda) {
        if (requested > 0 || !device.isGpu()) return choose(requested, device.isGpu(), device.device(), OptionalLong.empty(), 0, 0, tile);
        int index = Integer.parseInt(device.device().substring(device.device().indexOf(':') + 1));
        NvidiaSmi.Result smi = NvidiaSmi.query();
        Choice c = choose(0, true, device.device(), smi.freeBytes(index), cuda.gpuMemLimitBytes(), bytesPerTile(card, tile), tile);
        return smi.freeBytes(index).isPresent() ? c : new Choice(c.batch(), c.reason() + " (" + smi.detail() + ")");
    }
}
