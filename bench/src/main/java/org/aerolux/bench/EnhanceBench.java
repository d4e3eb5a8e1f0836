package org.aerolux.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.aerolux.core.image.PlainImageSource;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.GeoTiffSink;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.core.raster.Rasters;

/**
 * Benchmark of {@code aerolux enhance} (cue-demo): for each edge N it streams an N x N x 3 float32 GeoTIFF of a
 * darkened photo mosaic to disk, enhances it with {@code bin/aerolux enhance --range 0,1} in a child JVM, once
 * {@code --mode whole} and once {@code --mode tiled --gap-probe off} (card grid: tiles 1024, overlap 256, cosine),
 * and measures wall time and peak RSS ({@code /usr/bin/time}), the model time from the provenance, and the
 * max/mean absolute difference between the two float outputs over every pixel and band. Float input with range
 * 0..1 makes the outputs the clamped model outputs themselves, so the difference is the tiling's alone.
 *
 * <p>Arguments: {@code --sizes 1024,2048,4096 --work DIR --aerolux bin/aerolux --threads 2 --xmx-whole 4g
 * --xmx-tiled 2g [--modes whole,tiled]}. A failed run (e.g. out of memory) is reported with its exit code, time and
 * peak RSS instead of stopping the benchmark.
 */
public final class EnhanceBench {
    private static final int CHUNK = 256, CELL = 512, INNER_BORDER = 8;
    private static final String[] PHOTOS = {"astronaut.png", "rocket.jpg", "gravel.png", "motorcycle_left.png", "brick.png",
            "color.png", "grass.png"};

    private EnhanceBench() {}

    record Run(int size, String mode, int exit, double wallSeconds, double modelSeconds, long peakRssKb, int tiles, String note) {}

    public static void main(String[] args) throws Exception {
        java.util.logging.LogManager.getLogManager().reset(); // GeoTools' INFO lines would interleave with the table
        Map<String, String> opt = options(args);
        List<Integer> sizes = new ArrayList<>();
        for (String s : opt.getOrDefault("--sizes", "1024,2048,4096").split(",")) sizes.add(Integer.parseInt(s.trim()));
        Path work = Path.of(opt.getOrDefault("--work", "bench/target/enhance-bench"));
        Path aerolux = Path.of(opt.getOrDefault("--aerolux", "bin/aerolux"));
        Path photos = Path.of(opt.getOrDefault("--photos", "../shared/data/natural"));
        String threads = opt.getOrDefault("--threads", "2");
        List<String> modes = List.of(opt.getOrDefault("--modes", "whole,tiled").split(","));
        Files.createDirectories(work);
        float[][][] mosaic = loadPhotos(photos);
        if (opt.containsKey("--diff")) { // --diff WHOLE.tif,TILED.tif: only compare two finished outputs
            String[] f = opt.get("--diff").split(",");
            for (int border : new int[] {0, INNER_BORDER}) {
                double[] d = difference(Path.of(f[0]), Path.of(f[1]), border);
                System.out.println(String.format(Locale.ROOT, "DIFF border %d: max abs %.4f, mean abs %.5f, rmse %.5f over %d samples",
                        border, d[0], d[1], d[2], (long) d[3]));
            }
            return;
        }
        System.out.println("# load average at start: " + loadAverage());
        for (int n : sizes) {
            Path in = work.resolve("dark-" + n + ".tif");
            if (!Files.exists(in)) generate(in, n, mosaic);
            Map<String, Path> outputs = new LinkedHashMap<>();
            for (String mode : modes) {
                Path dir = work.resolve(mode + "-" + n);
                Run r = enhance(aerolux, in, dir, mode, threads, opt.getOrDefault("--xmx-" + mode, "4g"), n);
                System.out.println(line(r));
                if (r.exit == 0) outputs.put(mode, dir.resolve("dark-" + n + "_enhanced.tif"));
            }
            if (outputs.containsKey("whole") && outputs.containsKey("tiled")) {
                for (int border : new int[] {0, INNER_BORDER}) {
                    double[] d = difference(outputs.get("whole"), outputs.get("tiled"), border);
                    System.out.println(String.format(Locale.ROOT, "DIFF %dx%d tiled vs whole%s: max abs %.4f, mean abs %.5f, rmse %.5f"
                            + " (over %d samples, [0, 1] scale)", n, n, border == 0 ? "" : " without the outer " + border + " px",
                            d[0], d[1], d[2], (long) d[3]));
                }
            }
            System.out.println("# load average after " + n + ": " + loadAverage());
        }
    }

    static Run enhance(Path aerolux, Path in, Path dir, String mode, String threads, String xmx, int n) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path time = dir.resolve("time.txt"), log = dir.resolve("log.txt");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %M", "-o", time.toString(), aerolux.toString(), "enhance",
                "--input", in.toString(), "--output", dir.toString(), "--range", "0,1", "--mode", mode, "--threads", threads,
                "--device", "cpu", "--overwrite"));
        if (mode.equals("tiled")) cmd.addAll(List.of("--gap-probe", "off"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_OPTS", "-Xmx" + xmx);
        Process p = pb.start();
        if (!p.waitFor(4, TimeUnit.HOURS)) {
            p.destroyForcibly();
            return new Run(n, mode, -1, Double.NaN, Double.NaN, -1, 0, "timed out after 4 h");
        }
        String[] t = Files.readString(time).trim().split("\\s+");
        double wall = Double.parseDouble(t[t.length - 2]);
        long rss = Long.parseLong(t[t.length - 1]);
        String tail = String.join(" | ", Files.readAllLines(log).stream().filter(s -> !s.isBlank()).toList());
        if (p.exitValue() != 0) return new Run(n, mode, p.exitValue(), wall, Double.NaN, rss, 0, tail);
        JsonObject prov = JsonParser.parseString(Files.readString(dir.resolve("dark-" + n + "_aerolux.json"))).getAsJsonObject();
        double model = prov.getAsJsonObject("timings_s").get("model").getAsDouble();
        int tiles = prov.getAsJsonObject("mode").get("tiles").getAsInt();
        return new Run(n, mode, 0, wall, model, rss, tiles, prov.getAsJsonObject("mode").get("why").getAsString());
    }

    static String line(Run r) {
        return String.format(Locale.ROOT, "RUN %dx%d (%.1f MP) %s: exit %d, wall %.1f s, model %.1f s, peak RSS %.0f MB, %d tile%s; %s",
                r.size, r.size, r.size * (double) r.size / 1e6, r.mode, r.exit, r.wallSeconds, r.modelSeconds, r.peakRssKb / 1024.0,
                r.tiles, r.tiles == 1 ? "" : "s", r.note);
    }

    /**
     * {max, mean, rmse, count} of |a - b| over all samples at least {@code border} pixels from the image edge. The
     * border is worth leaving out once: the whole-image pass shows the network's own artefact in its outermost
     * pixels, which tiled windows (mirror-extended past the edge) do not.
     */
    static double[] difference(Path a, Path b, int border) {
        double max = 0, sum = 0, sq = 0;
        long n = 0;
        try (RasterSource x = Rasters.open(a); RasterSource y = Rasters.open(b)) {
            int w = x.info().width(), h = x.info().height();
            for (int y0 = 0; y0 < h; y0 += CHUNK) {
                FinalInterval win = new FinalInterval(new long[] {0, y0}, new long[] {w - 1, Math.min(h, y0 + CHUNK) - 1});
                var ca = Views.flatIterable(x.read(win, 0, 1, 2)).cursor();
                var cb = Views.flatIterable(y.read(win, 0, 1, 2)).cursor();
                int rows = (int) win.dimension(1);
                for (long i = 0; ca.hasNext(); i++) { // flat order [x, y, band]
                    double d = Math.abs(ca.next().get() - cb.next().get());
                    long px = i % w, py = y0 + (i / w) % rows;
                    if (px < border || py < border || px >= w - border || py >= h - border) continue;
                    max = Math.max(max, d);
                    sum += d;
                    sq += d * d;
                    n++;
                }
            }
        }
        return new double[] {max, sum / n, Math.sqrt(sq / n), n};
    }

    /** The photographs as [photo][band][y * w + x] in [0, 1] (grey repeated), with their sizes in [photo][3]. */
    static float[][][] loadPhotos(Path dir) {
        float[][][] out = new float[PHOTOS.length][][];
        for (int i = 0; i < PHOTOS.length; i++) {
            try (PlainImageSource src = PlainImageSource.open(dir.resolve(PHOTOS[i]))) {
                int w = src.info().width(), h = src.info().height(), nb = src.info().bandCount();
                int[] bands = nb >= 3 ? new int[] {0, 1, 2} : new int[] {0, 0, 0};
                RandomAccessibleInterval<FloatType> all = src.read(new FinalInterval(new long[] {0, 0}, new long[] {w - 1, h - 1}), bands);
                float[][] p = new float[4][];
                var c = Views.flatIterable(all).cursor();
                for (int b = 0; b < 3; b++) {
                    p[b] = new float[w * h];
                    for (int k = 0; k < w * h; k++) p[b][k] = c.next().get() / 255f;
                }
                p[3] = new float[] {w, h};
                out[i] = p;
            }
        }
        return out;
    }

    /**
     * Streams the benchmark image: 512-pixel cells, each a mirrored crop of one photograph, darkened as the model's
     * training pairs are ({@code 0.15 y^2} plus Gaussian noise of sigma 0.01 from a per-pixel hash), float32.
     */
    static void generate(Path file, int n, float[][][] photos) {
        Affine grid = new Affine(500000, 0.5, 0, 5000000 + n * 0.5, 0, -0.5);
        try (GeoTiffSink sink = GeoTiffSink.builder(file, n, n, 3, DataType.FLOAT32)
                .georeference(Georeference.of(Rasters.crs(32633), grid)).rgb(true).build()) {
            float[] chunk = new float[n * CHUNK * 3];
            for (int y0 = 0; y0 < n; y0 += CHUNK) {
                int h = Math.min(CHUNK, n - y0);
                for (int b = 0; b < 3; b++)
                    for (int y = 0; y < h; y++)
                        for (int x = 0; x < n; x++) chunk[(b * h + y) * n + x] = dark(x, y0 + y, b, photos);
                sink.write(Views.translate(ArrayImgs.floats(chunk, n, h, 3), 0, y0, 0));
            }
            sink.commit();
        }
    }

    static float dark(int x, int y, int b, float[][][] photos) {
        int cx = x / CELL, cy = y / CELL;
        float[][] p = photos[Math.floorMod(3 * cx + 5 * cy, photos.length)];
        int w = (int) p[3][0], h = (int) p[3][1];
        int u = mirror(x % CELL + 37 * cx, w), v = mirror(y % CELL + 53 * cy, h);
        double clean = p[b][v * w + u];
        return (float) Math.max(0, Math.min(1, 0.15 * clean * clean + 0.01 * gauss(x, y, b)));
    }

    private static int mirror(int i, int n) {
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    /** A standard normal value from a hash of (x, y, b): Box-Muller on two hashed uniforms. */
    private static double gauss(int x, int y, int b) {
        long h = (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL) ^ (b * 0x165667B19E3779F9L);
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        double u1 = ((h >>> 11) + 1.0) / (1L << 53), u2 = ((h * 0x9E3779B97F4A7C15L >>> 11)) / (double) (1L << 53);
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static Map<String, String> options(String[] args) { return CopyBench.options(args); }
}
