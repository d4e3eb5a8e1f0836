package org.aerolux.enhancement;

import java.time.Duration;
import java.util.Locale;
import net.imglib2.FinalInterval;
import org.aerolux.core.model.Model;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.pipeline.Normalisation;
import org.aerolux.core.pipeline.TiledPipeline;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.core.tile.Blender;
import org.aerolux.core.tile.HaloTiler;
import org.aerolux.core.tile.TileGrid;

/**
 * Measures the tiled-vs-whole gap ({@link TiledGap}) of a tiled run on a probe window at the image centre.
 * By default the probe spans two tile strides in each direction (clipped to the image), so that it holds four
 * tiles whose seams cross: the configuration every interior pixel of the tiled run sees. It is shrunk (longer side
 * first) until a whole-image pass over it fits the memory budget. The probe costs one whole-image pass over it
 * plus its tiles; {@code --gap-probe off} skips it.
 */
final class GapProbe {
    private GapProbe() {}

    /** Probe edge meaning "two tile strides". */
    static final int AUTO = -1;
    /** Probe edge meaning "do not measure". */
    static final int OFF = 0;

    static TiledGap measure(RasterSource unit, int[] bands, Model model, ModePlan plan, Blender blender, int requestedEdge,
                            Cancellation cancellation) {
        if (requestedEdge == OFF) return TiledGap.notMeasured("not measured: switched off (--gap-probe off)");
        int w = unit.info().width(), h = unit.info().height();
        TileGrid grid = plan.grid();
        int edge = requestedEdge == AUTO ? 2 * grid.stride() : requestedEdge;
        int pw = Math.min(w, edge), ph = Math.min(h, edge);
        int m = model.card().sizeMultiple();
        int abpp = ModePlanner.activationBytesPerPixel(model.card());
        long headroom = ModePlanner.heapHeadroom();
        while (ModePlanner.wholeBytes(pw, ph, m, abpp) > plan.budget().bytes() || ModePlanner.wholeHeapBytes(pw, ph, m) * 2 > headroom) {
            if (pw <= m && ph <= m)
                return TiledGap.notMeasured("not measured: even a " + pw + "x" + ph + " probe does not fit the memory budget "
                        + plan.budget());
            if (pw >= ph) pw = Math.max(1, shrink(pw, m));
            else ph = Math.max(1, shrink(ph, m));
        }
        long x0 = (w - pw) / 2, y0 = (h - ph) / 2;
        long t0 = System.nanoTime();
        WindowSource probe = new WindowSource(unit, new FinalInterval(new long[] {x0, y0}, new long[] {x0 + pw - 1, y0 + ph - 1}));
        FloatCollector whole = run(probe, bands, model, ModePlanner.wholeGrid(pw, ph, m), Blender.CENTER, 1, cancellation);
        FloatCollector tiled = run(probe, bands, model, grid, blender, plan.batch(), cancellation);
        int tiles = new HaloTiler().layout(pw, ph, grid).tileCount();
        double max = 0, sum = 0, sq = 0;
        long n = 0;
        for (int c = 0; c < whole.channels; c++) {
            float[] a = whole.data[c], b = tiled.data[c];
            for (int i = 0; i < a.length; i++) {
                if (Float.isNaN(a[i]) || Float.isNaN(b[i])) continue;
                double d = Math.abs(clamp(a[i]) - clamp(b[i]));
                if (d > max) max = d;
                sum += d;
                sq += d * d;
                n++;
            }
        }
        long pixels = n / Math.max(1, whole.channels);
        Duration time = Duration.ofNanos(System.nanoTime() - t0);
        if (n == 0) return TiledGap.notMeasured("not measured: the probe window holds only nodata");
        String note = String.format(Locale.ROOT, "%s probe %dx%d at (%d, %d), %d tile%s of %dx%d, overlap %d, %s blending",
                pw == w && ph == h ? "whole-image" : "centre", pw, ph, x0, y0, tiles, tiles == 1 ? "" : "s",
                grid.tileSize(), grid.tileSize(), grid.overlap(), blender.name());
        return new TiledGap(true, note, x0, y0, pw, ph, tiles, max, sum / n, Math.sqrt(sq / n), pixels, Double.NaN, time);
    }

    private static int shrink(int n, int multiple) {
        int s = (int) (n * 0.9) / multiple * multiple;
        return Math.max(multiple, Math.min(s, n - 1));
    }

    private static double clamp(float v) { return v < 0 ? 0 : v > 1 ? 1 : v; }

    static FloatCollector run(RasterSource src, int[] bands, Model model, TileGrid grid, Blender blender, int batch,
                                      Cancellation cancellation) {
        FloatCollector out = new FloatCollector(src.info().width(), src.info().height(), model.outputChannels());
        TiledPipeline.builder().source(src).bands(bands).model(model).normalisation(Normalisation.identity(bands.length))
                .grid(grid).blender(blender).batchSize(batch).cancellation(cancellation).build().run(out);
        return out;
    }
}
