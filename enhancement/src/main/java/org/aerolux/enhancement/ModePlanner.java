package org.aerolux.enhancement;

import java.util.Locale;
import org.aerolux.core.model.ModelCard;
import org.aerolux.core.tile.HaloTiler;
import org.aerolux.core.tile.TileGrid;
import org.aerolux.core.tile.TileLayout;

/**
 * Decides between whole-image and tiled enhancement from memory estimates.
 *
 * <p>Whole image: native activations {@code activation_bytes_per_pixel x padded pixels} (the model card's figure,
 * measured as peak resident memory per pixel of one ONNX Runtime pass) plus {@value #WHOLE_HEAP_BYTES_PER_PIXEL}
 * bytes per padded pixel of pipeline buffers (normalised input, batch, model output, blend sums in double and the
 * finished rows) plus a fixed {@value #FIXED_OVERHEAD_MB} MB for the runtime and the model. Tiled: the same for
 * one batch of tiles, plus one band of tile rows of the full image width.
 *
 * <p>Auto mode takes the whole image when its estimate fits the budget (and its buffers fit the Java heap), else
 * tiles; but never tiles an image no larger than one tile, since that could not save memory.
 */
public final class ModePlanner {
    /** Java-side buffers of the pipeline per padded pixel in a whole-image pass (see the class comment). */
    public static final int WHOLE_HEAP_BYTES_PER_PIXEL = 96;
    /** Runtime, model weights and ONNX Runtime arenas. */
    public static final int FIXED_OVERHEAD_MB = 128;
    /**
     * Mirrored margin on every side of the image in a whole-image pass, and the least halo a tiled pass gives the image
     * borders ({@link #borderSafeOverlap}). Without it the outermost pixels sit at the model's input edge, where CUE's
     * zero-padded convolutions and the wrap-around of its FFT branches meet the opposite edge: a frame of pink and
     * green fringes. With it those effects fall on mirrored pixels that are cropped away.
     */
    public static final int BORDER_MARGIN = 32;

    private ModePlanner() {}

    /** The card's activation bytes per pixel ({@link ModelCard#activationBytesPerPixel()}, one default for every method). */
    public static int activationBytesPerPixel(ModelCard card) { return (int) Math.min(Integer.MAX_VALUE, card.activationBytesPerPixel()); }

    /**
     * The grid of a whole-image pass: one window per axis, the image plus {@value #BORDER_MARGIN} mirrored pixels on
     * each side, rounded up to the size multiple (the rounding is mirrored on at the right and bottom).
     */
    public static TileGrid wholeGrid(int width, int height, int sizeMultiple) {
        int margins = 2 * BORDER_MARGIN;
        int edge = (int) ((Math.max(width, height) + margins + sizeMultiple - 1L) / sizeMultiple * sizeMultiple);
        return new TileGrid(edge, margins, sizeMultiple);
    }

    /**
     * A tiled pass's overlap raised, where needed, so that the halo mirrored on at the image borders (half the
     * overlap) is at least {@value #BORDER_MARGIN} pixels; unchanged when that would not leave a core in the tile.
     */
    public static int borderSafeOverlap(int overlap, int tileSize) {
        int least = 2 * BORDER_MARGIN;
        return overlap >= least || least >= tileSize ? overlap : least;
    }

    /** Estimated bytes of a whole-image pass over a width x height image. */
    public static long wholeBytes(int width, int height, int sizeMultiple, int activationBytesPerPixel) {
        long px = padded(width, sizeMultiple) * padded(height, sizeMultiple);
        return px * (activationBytesPerPixel + WHOLE_HEAP_BYTES_PER_PIXEL) + ((long) FIXED_OVERHEAD_MB << 20);
    }

    /** The heap part of {@link #wholeBytes}. */
    public static long wholeHeapBytes(int width, int height, int sizeMultiple) {
        return padded(width, sizeMultiple) * padded(height, sizeMultiple) * WHOLE_HEAP_BYTES_PER_PIXEL;
    }

    /** Estimated bytes of a tiled pass. */
    public static long tiledBytes(int width, TileLayout layout, int batch, int activationBytesPerPixel) {
        long tile = (long) layout.tileWidth() * layout.tileHeight();
        long band = (long) width * layout.tileHeight() * 58;
        return tile * batch * (activationBytesPerPixel + 60L) + band + ((long) FIXED_OVERHEAD_MB << 20);
    }

    /**
     * Plans a run.
     *
     * @param requested      auto, whole or tiled
     * @param tiledGrid      the grid tiled mode would use
     * @param batch          tiles per call in tiled mode (a whole-image pass is one tile)
     * @param heapHeadroom   bytes of Java heap free for buffers
     */
    public static ModePlan plan(int width, int height, ModelCard card, EnhancementMode requested, TileGrid tiledGrid, int batch,
                                MemoryBudget budget, long heapHeadroom) {
        int abpp = activationBytesPerPixel(card);
        int m = card.sizeMultiple();
        TileGrid whole = wholeGrid(width, height, m);
        TileLayout wholeLayout = new HaloTiler().layout(width, height, whole);
        TileLayout tiledLayout = new HaloTiler().layout(width, height, tiledGrid);
        long wb = wholeBytes(width, height, m, abpp), wh = wholeHeapBytes(width, height, m);
        long tb = tiledBytes(width, tiledLayout, batch, abpp);
        boolean fitsBudget = wb <= budget.bytes(), fitsHeap = wh <= heapHeadroom;
        String est = String.format(Locale.ROOT, "whole image needs ~%s (%d B/px activations + %d B/px buffers on %dx%d padded"
                        + " pixels + %d MB), the budget is %s", MemoryBudget.human(wb), abpp, WHOLE_HEAP_BYTES_PER_PIXEL,
                padded(width, m), padded(height, m), FIXED_OVERHEAD_MB, budget);
        String heap = fitsHeap ? "" : String.format(Locale.ROOT, "; its %s of buffers do not fit the %s of free Java heap"
                + " (raise -Xmx)", MemoryBudget.human(wh), MemoryBudget.human(heapHeadroom));
        long wholePx = padded(width, m) * padded(height, m);
        long tilePx = (long) tiledLayout.tileWidth() * tiledLayout.tileHeight();
        if (requested == EnhancementMode.WHOLE && wholePx * card.bandCount() > Integer.MAX_VALUE - 8L)
            throw new org.aerolux.core.UsageException(null, "--mode whole: " + width + "x" + height + " pixels are more than one"
                    + " Java array can hold as a tensor; use --mode tiled or auto");
        return switch (requested) {
            case WHOLE -> new ModePlan(EnhancementMode.WHOLE, "whole image requested (--mode whole); " + est + heap
                    + (fitsBudget && fitsHeap ? "" : "; running anyway as requested"), whole, wholeLayout, 1, wb, wh, tb, budget, heapHeadroom);
            case TILED -> new ModePlan(EnhancementMode.TILED, "tiled requested (--mode tiled): " + tiledLayout.tileCount()
                    + " tiles of " + tiledLayout.tileWidth() + "x" + tiledLayout.tileHeight() + ", ~" + MemoryBudget.human(tb)
                    + "; " + est, tiledGrid, tiledLayout, batch, wb, wh, tb, budget, heapHeadroom);
            case AUTO -> {
                if (fitsBudget && fitsHeap)
                    yield new ModePlan(EnhancementMode.WHOLE, "auto: " + est + ": whole image fits", whole, wholeLayout, 1, wb, wh, tb,
                            budget, heapHeadroom);
                if (wholePx <= tilePx * batch)
                    yield new ModePlan(EnhancementMode.WHOLE, "auto: " + est + heap + "; but the image is no larger than one batch of "
                            + tiledLayout.tileWidth() + "x" + tiledLayout.tileHeight() + " tiles, so tiling would not save memory:"
                            + " whole image", whole, wholeLayout, 1, wb, wh, tb, budget, heapHeadroom);
                String over = tb > budget.bytes() ? " (tiles also exceed the budget: use a smaller --tile or --batch)" : "";
                yield new ModePlan(EnhancementMode.TILED, "auto: " + est + heap + ": tiled, " + tiledLayout.tileCount() + " tiles of "
                        + tiledLayout.tileWidth() + "x" + tiledLayout.tileHeight() + " need ~" + MemoryBudget.human(tb) + over,
                        tiledGrid, tiledLayout, batch, wb, wh, tb, budget, heapHeadroom);
            }
        };
    }

    /** Free Java heap now: the limit minus what is in use. */
    public static long heapHeadroom() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** The edge of a whole-image window along an axis of n pixels: margins on both sides, rounded up. */
    private static long padded(int n, int multiple) { return (n + 2L * BORDER_MARGIN + multiple - 1L) / multiple * multiple; }
}
