package org.aerolux.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import net.imglib2.Cursor;
import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.GeoTiffSink;
import org.aerolux.core.raster.GeoTiffSource;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.Rasters;

/**
 * Benchmark of {@code aerolux copy}: for each size N it streams an N x N x 3 uint8 GeoTIFF to disk (never held
 * whole), runs {@code bin/aerolux copy} in a child JVM under a fixed heap, measures wall time and peak RSS with
 * {@code /usr/bin/time}, and compares a CRC32C of all pixels of input and output. Peak RSS should not grow with N.
 *
 * <p>Arguments: {@code --sizes 5000,10000,20000 --work DIR --aerolux bin/aerolux --xmx 512m [--record RESULTS.md]}.
 */
public final class CopyBench {
    private static final int CHUNK = 256;

    private CopyBench() {}

    record Row(int size, double inputMb, double outputMb, double genSeconds, double copySeconds, long peakRssKb,
               long inputCrc, long outputCrc) {
        double megapixelsPerSecond() { return (double) size * size / 1e6 / copySeconds; }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        List<Integer> sizes = new ArrayList<>();
        for (String s : opt.getOrDefault("--sizes", "5000,10000,20000").split(",")) sizes.add(Integer.parseInt(s.trim()));
        Path work = Path.of(opt.getOrDefault("--work", "bench/target/copy-bench"));
        Path aerolux = Path.of(opt.getOrDefault("--aerolux", "bin/aerolux"));
        String xmx = opt.getOrDefault("--xmx", "512m");
        Files.createDirectories(work);

        List<Row> rows = new ArrayList<>();
        for (int n : sizes) {
            Path in = work.resolve("in-" + n + ".tif"), out = work.resolve("out-" + n + ".tif");
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            long t0 = System.nanoTime();
            long inCrc = generate(in, n);
            double gen = (System.nanoTime() - t0) / 1e9;
            long[] timed = copy(aerolux, xmx, in, out, work.resolve("time-" + n + ".txt"));
            long outCrc = checksum(out);
            Row r = new Row(n, Files.size(in) / 1e6, Files.size(out) / 1e6, gen, timed[0] / 1000.0, timed[1], inCrc, outCrc);
            rows.add(r);
            System.out.println(line(r));
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            if (inCrc != outCrc) throw new IllegalStateException("pixel checksums differ for " + n + ": " + r);
        }
        String table = table(rows, xmx);
        System.out.println();
        System.out.println(table);
        if (opt.containsKey("--record")) record(Path.of(opt.get("--record")), table, opt.getOrDefault("--command", ""));
    }

    /** Streams the synthetic image to disk with the sink, 256 rows at a time; returns the pixels' CRC32C. */
    public static long generate(Path file, int n) {
        CRC32C crc = new CRC32C();
        Affine grid = new Affine(500000, 0.5, 0, 5000000 + n * 0.5, 0, -0.5);
        try (GeoTiffSink sink = GeoTiffSink.builder(file, n, n, 3, DataType.UINT8)
                .georeference(Georeference.of(Rasters.crs(32633), grid)).rgb(true).build()) {
            byte[] chunk = new byte[n * CHUNK * 3];
            byte[] row = new byte[n];
            for (int y0 = 0; y0 < n; y0 += CHUNK) {
                int h = Math.min(CHUNK, n - y0);
                for (int y = 0; y < h; y++) {
                    for (int b = 0; b < 3; b++) {
                        for (int x = 0; x < n; x++) row[x] = (byte) value(x, y0 + y, b);
                        crc.update(row, 0, n);
                        System.arraycopy(row, 0, chunk, (b * h + y) * n, n);
                    }
                }
                sink.write(Views.translate(ArrayImgs.unsignedBytes(chunk, n, h, 3), 0, y0, 0));
            }
            sink.commit();
        }
        return crc.getValue();
    }

    /** Smooth gradients plus a little hashed noise: compresses like imagery, not like zeros. */
    static int value(int x, int y, int b) {
        int h = x * 0x9E3779B1 ^ y * 0x85EBCA77 ^ b * 0xC2B2AE3D;
        h ^= h >>> 15;
        return ((x >> 3) * (b + 1) + (y >> 2) + ((x ^ y) >> 6) + (h & 31)) & 0xFF;
    }

    /** Runs aerolux copy under /usr/bin/time; returns {wall ms, peak RSS KB}. */
    static long[] copy(Path aerolux, String xmx, Path in, Path out, Path timeFile) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/time", "-f", "%e %M", "-o", timeFile.toString(),
                aerolux.toString(), "copy", in.toString(), out.toString()).inheritIO();
        pb.environment().put("JAVA_OPTS", "-Xmx" + xmx);
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.HOURS)) {
            p.destroyForcibly();
            throw new IllegalStateException("copy timed out");
        }
        long wall = (System.nanoTime() - t0) / 1_000_000;
        if (p.exitValue() != 0) throw new IllegalStateException("aerolux copy failed with exit code " + p.exitValue());
        String[] t = Files.readString(timeFile).trim().split("\\s+");
        Files.deleteIfExists(timeFile);
        return new long[] {wall, Long.parseLong(t[t.length - 1])};
    }

    /** CRC32C of the output's pixels, in the order the generator fed them (row, band, x), read 256 rows at a time. */
    static long checksum(Path file) {
        CRC32C crc = new CRC32C();
        try (GeoTiffSource src = GeoTiffSource.open(file)) {
            int w = src.info().width(), h = src.info().height();
            byte[] row = new byte[w];
            for (int y0 = 0; y0 < h; y0 += CHUNK) {
                int rows = Math.min(CHUNK, h - y0);
                RandomAccessibleInterval<FloatType> block = src.read(new FinalInterval(new long[] {0, y0}, new long[] {w - 1, y0 + rows - 1}));
                for (int y = 0; y < rows; y++) {
                    for (int b = 0; b < 3; b++) {
                        Cursor<FloatType> c = Views.flatIterable(Views.interval(block,
                                new long[] {0, y0 + y, b}, new long[] {w - 1, y0 + y, b})).cursor();
                        for (int x = 0; x < w; x++) row[x] = (byte) (int) c.next().get();
                        crc.update(row, 0, w);
                    }
                }
            }
        }
        return crc.getValue();
    }

    static String line(Row r) {
        return String.format(Locale.ROOT, "%dx%dx3: copy %.1f s (%.1f Mpx/s), peak RSS %.0f MB, input %.0f MB, output %.0f MB, checksums %s",
                r.size, r.size, r.copySeconds, r.megapixelsPerSecond(), r.peakRssKb / 1024.0, r.inputMb, r.outputMb,
                r.inputCrc == r.outputCrc ? "equal" : "DIFFER");
    }

    static String table(List<Row> rows, String xmx) {
        StringBuilder sb = new StringBuilder();
        sb.append("| image (uint8, 3 bands) | input MB | output MB | copy wall s | Mpx/s | peak RSS MB (-Xmx").append(xmx)
                .append(") | pixels vs first | RSS vs first | pixel CRC32C in = out |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        Row first = rows.get(0);
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %d x %d | %.0f | %.0f | %.1f | %.1f | %.0f | %.1fx | %.2fx | %s (%08x) |\n",
                    r.size, r.size, r.inputMb, r.outputMb, r.copySeconds, r.megapixelsPerSecond(), r.peakRssKb / 1024.0,
                    (double) r.size * r.size / ((double) first.size * first.size), (double) r.peakRssKb / first.peakRssKb,
                    r.inputCrc == r.outputCrc ? "yes" : "NO", r.outputCrc));
        }
        return sb.toString();
    }

    static void record(Path results, String table, String command) throws IOException {
        String cpu = Runtime.getRuntime().availableProcessors() + " CPUs";
        Path loadavg = Path.of("/proc/loadavg");
        if (Files.isReadable(loadavg)) cpu += ", load average " + Files.readString(loadavg).split(" ")[0] + " at the end";
        String section = "\n## " + LocalDate.now() + ", " + cpu + ", Java " + System.getProperty("java.version") + "\n\n"
                + "Command: `" + (command.isEmpty() ? "bench/copy-bench.sh" : command) + "`\n\n" + table;
        Files.writeString(results, section, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** {@code --option value} pairs, in order (the arguments of every bench). */
    static Map<String, String> options(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("expected --option value, got " + args[i]);
            m.put(args[i], args[i + 1]);
        }
        return m;
    }
}
