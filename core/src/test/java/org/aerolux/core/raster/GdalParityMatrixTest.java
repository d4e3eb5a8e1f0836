package org.aerolux.core.raster;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.imglib2.FinalInterval;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import org.aerolux.core.BadInputException;
import org.aerolux.core.ExitCode;
import org.aerolux.core.raster.GdalParityCases.Case;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test of the GeoTIFF reader against GDAL: files written by GDAL with the creation options people use,
 * read by {@link GeoTiffSource} and by GDAL's Python bindings, must give exactly the same pixels and facts.
 *
 * <p><b>Cases.</b> {@link GdalParityCases} chooses them, deterministically: an all-pairs covering design over
 * eleven axes (source: the real Landsat file or synthetic gradients + edges + noise with the type's extremes and,
 * for floats, NaN/inf/-0/subnormals; type uint8/int16/uint16/int32/float32/float64; 1/3/4/6 bands; compression
 * none, LZW, Deflate, ZSTD, PackBits, JPEG, YCbCr JPEG, LERC, WebP, LZMA; predictor 1/2/3; strips of 1, 8 and all
 * rows or tiles of 128/256/512; pixel or band interleave; classic or BigTIFF; with or without overviews; nodata
 * none, in range, out of range for the type, NaN; little- or big-endian), plus exhaustive sweeps of compression x
 * predictor x layout x interleave for uint8 and float32. 305 cases: 63 from the pairs, the rest from the sweeps;
 * 286 readable, 19 refused.
 *
 * <p><b>Oracle.</b> {@code gdal_matrix.py} writes every case with gdal.Translate (gdal_translate's library form, same
 * creation options) and reads it back with GDAL; it dumps GDAL's pixels raw, once per source when GDAL reads a
 * lossless case back bit for bit as its source, else per case. One Python process streams the cases while this
 * test checks the ones already written, so the two cores work side by side.
 *
 * <p><b>Checks.</b> A readable case must report GDAL's size, type, block size, BigTIFF-ness, nodata (per band, as
 * is, also when it cannot occur in the type) and geotransform, and give exactly GDAL's pixels (JPEG: within 1 grey
 * level) through {@link GeoTiffSource#readNative} windows placed by the block grid: the whole image, whole strips or
 * tiles across the full width, the full width from the middle of a block, a window across a block corner, one whole
 * block, one column across block borders, the last pixel; and through {@link GeoTiffSource#read} (floats) of band
 * subsets in a new order with repeats. Nodata out of the type's range must match no sample. A refused case (LERC,
 * WebP, LZMA) must fail to open with exit code 3 and one line naming the file and the compression.
 *
 * <p><b>Run time</b> (bench/RESULTS.md): about a minute of CPU, GDAL's side a third of it; 3 minutes on the shared
 * 2-core machine at a load average of 14 to 16.
 */
class GdalParityMatrixTest {
    private static final long CASE_TIMEOUT_S = 180;

    @TempDir
    static Path dir;

    @TestFactory
    Stream<DynamicTest> everyCaseReadsAsGdalReadsIt() throws IOException {
        List<Case> cases = GdalParityCases.all();
        Generator gen = Generator.start(dir, cases);
        long start = System.nanoTime();
        Stream<DynamicTest> each = cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> check(c, gen.next(c))));
        Stream<DynamicTest> end = Stream.of(DynamicTest.dynamicTest("generator finished cleanly", () -> {
            gen.finish();
            assertEquals(305, cases.size(), "the design the Javadoc describes");
            assertEquals(63, GdalParityCases.pairwiseCount(), "the all-pairs part the Javadoc describes");
            System.out.printf("GdalParityMatrixTest: %d cases (%d from all pairs) in %.1f s%n", cases.size(),
                    GdalParityCases.pairwiseCount(), (System.nanoTime() - start) / 1e9);
        }));
        return Stream.concat(each, end);
    }

    private static void check(Case c, JsonObject fact) throws IOException {
        assertTrue(fact.get("ok").getAsBoolean(), () -> "GDAL could not write " + c.id() + ": " + fact.get("error"));
        assertFalse(fact.has("gdal_read_error"), () -> "GDAL cannot read " + c.id() + " back: " + fact.get("gdal_read_error"));
        Path file = Path.of(fact.get("file").getAsString());
        if (c.readable()) checkRead(c, fact, file);
        else checkRefused(c, file);
        Files.delete(file);
    }

    private static void checkRefused(Case c, Path file) {
        BadInputException e = assertThrows(BadInputException.class, () -> GeoTiffSource.open(file).close(),
                c.id() + " must be refused");
        assertEquals(ExitCode.BAD_INPUT, e.exitCode());
        String m = e.getMessage();
        assertEquals(1, m.lines().count(), "one line: " + m);
        assertTrue(m.startsWith(file.toString()), "names the file: " + m);
        String name = switch (c.compression()) {
            case "lerc" -> "LERC";
            case "webp" -> "WebP";
            case "lzma" -> "LZMA";
            default -> throw new AssertionError(c.compression());
        };
        assertTrue(m.contains("unsupported TIFF compression " + name), "names the compression: " + m);
    }

    private static void checkRead(Case c, JsonObject fact, Path file) throws IOException {
        int w = fact.get("width").getAsInt(), h = fact.get("height").getAsInt(), bands = fact.get("bands").getAsInt();
        JsonArray block = fact.getAsJsonArray("block");
        Expected expected = Expected.load(Path.of(fact.get("expected").getAsString()), w, h, bands, c.type());
        try (GeoTiffSource src = GeoTiffSource.open(file)) {
            RasterInfo info = src.info();
            assertEquals(w, info.width());
            assertEquals(h, info.height());
            assertEquals(bands, info.bandCount());
            assertEquals(fact.get("type").getAsString(), info.dataType().gdalName());
            int[] layout = c.block(w, h);
            assertEquals(layout[0], src.blockWidth(), "block width");
            assertEquals(layout[1], src.blockHeight(), "block height");
            if (!(c.compression().equals("none") && c.layout().equals("stripall"))) // GDAL splits one raw strip into rows
                assertArrayEquals(layout, new int[] {block.get(0).getAsInt(), block.get(1).getAsInt()}, "GDAL's block");
            assertEquals(fact.get("bigtiff").getAsBoolean(), src.isBigTiff(), "BigTIFF");
            assertEquals(c.compression().startsWith("jpeg") ? "JPEG" : fact.get("compression").getAsString(),
                    src.compression().toUpperCase(), "compression");
            OptionalDouble nd = nodata(fact);
            for (int b = 0; b < bands; b++) assertSameNodata(nd, info.nodata().get(b), "band " + (b + 1) + " nodata");
            JsonArray gt = fact.getAsJsonArray("geotransform");
            double[] ours = info.georeference().transform().orElseThrow().toGdal();
            for (int i = 0; i < 6; i++) assertEquals(gt.get(i).getAsDouble(), ours[i], 0.0, "geotransform[" + i + "]");

            int tolerance = c.lossy() ? 1 : 0;
            boolean noPixelIsNodata = "out-of-range".equals(c.nodata());
            List<long[]> windows = windows(w, h, src.blockWidth(), src.blockHeight());
            for (long[] win : windows) {
                Object samples = expected.compareNative(src.readNative(interval(win)), win, tolerance, c.id());
                if (noPixelIsNodata) expected.assertNoNodata(samples, info);
            }
            int[] subset = bands == 1 ? new int[] {0} : new int[] {bands - 1, 0, bands - 1};
            for (long[] win : List.of(windows.get(2), windows.get(3)))
                expected.compareFloat(src.read(interval(win), subset), win, subset, tolerance, c.id());
        }
    }

    /**
     * Windows of several sizes and offsets, placed by the block grid, each {x, y, width, height}: the whole image;
     * whole blocks across the full width; the full width from the middle of a block across two block borders; a
     * window across a block corner; one whole block; one column across block borders; the last pixel.
     */
    static List<long[]> windows(int w, int h, int bw, int bh) {
        List<long[]> out = new ArrayList<>();
        out.add(new long[] {0, 0, w, h});
        long y = Math.min(bh, h - 1);
        out.add(new long[] {0, y, w, Math.min(2L * bh, h - y)});
        long mid = bh > 1 ? bh / 2 : 1;
        out.add(new long[] {0, mid, w, Math.min(2L * bh + 1, h - mid)});
        long cx = Math.max(0, Math.min(bw - 5, w - 37)), cy = Math.max(0, Math.min(bh - 3, h - 23));
        out.add(new long[] {cx, cy, Math.min(37, w - cx), Math.min(23, h - cy)});
        long bx = bw < w ? bw : 0, by = bh < h ? bh : 0;
        out.add(new long[] {bx, by, Math.min(bw, w - bx), Math.min(bh, h - by)});
        out.add(new long[] {w / 2, mid, 1, Math.min(2L * bh + 3, h - mid)});
        out.add(new long[] {w - 1, h - 1, 1, 1});
        return out;
    }

    private static FinalInterval interval(long[] win) {
        return new FinalInterval(new long[] {win[0], win[1]}, new long[] {win[0] + win[2] - 1, win[1] + win[3] - 1});
    }

    private static OptionalDouble nodata(JsonObject fact) {
        if (fact.get("nodata").isJsonNull()) return OptionalDouble.empty();
        String s = fact.get("nodata").getAsString();
        return OptionalDouble.of(s.equals("nan") ? Double.NaN : Double.parseDouble(s));
    }

    private static void assertSameNodata(OptionalDouble gdal, OptionalDouble ours, String what) {
        assertEquals(gdal.isPresent(), ours.isPresent(), what + ": GDAL " + gdal + ", AeroLux " + ours);
        if (gdal.isPresent()) assertEquals(0, Double.compare(gdal.getAsDouble(), ours.getAsDouble()),
                what + ": GDAL " + gdal + ", AeroLux " + ours);
    }

    /** GDAL's pixels of one case: band-sequential, little-endian, in the file's type. */
    private record Expected(ByteBuffer data, int width, int height, int bands, String type) {
        private static final Map<Path, ByteBuffer> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, ByteBuffer> e) { return size() > 6; }
        };

        static Expected load(Path raw, int w, int h, int bands, String type) throws IOException {
            ByteBuffer buf;
            synchronized (CACHE) {
                buf = CACHE.get(raw);
                if (buf == null) {
                    buf = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
                    CACHE.put(raw, buf);
                }
            }
            return new Expected(buf, w, h, bands, type);
        }

        /** Index of a sample in the raw file, in samples. */
        private int index(int band, long x, long y) { return (int) ((band * (long) height + y) * width + x); }

        /** The sample as a double (exact for every type). */
        double value(int band, long x, long y) {
            int i = index(band, x, y);
            return switch (type) {
                case "uint8" -> data.get(i) & 0xFF;
                case "int16" -> data.getShort(2 * i);
                case "uint16" -> data.getShort(2 * i) & 0xFFFF;
                case "int32" -> data.getInt(4 * i);
                case "float32" -> data.getFloat(4 * i);
                default -> data.getDouble(8 * i);
            };
        }

        /**
         * Compares a readNative window with GDAL's samples: integers exactly (within {@code tolerance} for uint8),
         * floats bit for bit (any NaN equals any NaN). Returns the window's primitive array.
         */
        Object compareNative(RandomAccessibleInterval<? extends RealType<?>> img, long[] win, int tolerance, String id) {
            assertArrayEquals(new long[] {win[0], win[1], 0}, img.minAsLongArray(), "window origin");
            assertArrayEquals(new long[] {win[0] + win[2] - 1, win[1] + win[3] - 1, bands - 1}, img.maxAsLongArray());
            Object array = ArrayBlocks.array(img);
            assertNotNull(array, "readNative gives an array image");
            int ww = (int) win[2], wh = (int) win[3], n = ww * wh;
            for (int b = 0; b < bands; b++)
                for (int r = 0; r < wh; r++) {
                    int e = index(b, win[0], win[1] + r), k = b * n + r * ww;
                    int bad = switch (type) {
                        case "uint8" -> {
                            byte[] a = (byte[]) array;
                            for (int x = 0; x < ww; x++)
                                if (Math.abs((a[k + x] & 0xFF) - (data.get(e + x) & 0xFF)) > tolerance) yield x;
                            yield -1;
                        }
                        case "int16", "uint16" -> {
                            short[] a = (short[]) array;
                            for (int x = 0; x < ww; x++) if (a[k + x] != data.getShort(2 * (e + x))) yield x;
                            yield -1;
                        }
                        case "int32" -> {
                            int[] a = (int[]) array;
                            for (int x = 0; x < ww; x++) if (a[k + x] != data.getInt(4 * (e + x))) yield x;
                            yield -1;
                        }
                        case "float32" -> {
                            float[] a = (float[]) array;
                            for (int x = 0; x < ww; x++) {
                                int want = data.getInt(4 * (e + x));
                                if (Float.floatToRawIntBits(a[k + x]) != want && !(Float.isNaN(a[k + x]) && Float.isNaN(Float.intBitsToFloat(want))))
                                    yield x;
                            }
                            yield -1;
                        }
                        default -> {
                            double[] a = (double[]) array;
                            for (int x = 0; x < ww; x++) {
                                long want = data.getLong(8 * (e + x));
                                if (Double.doubleToRawLongBits(a[k + x]) != want && !(Double.isNaN(a[k + x]) && Double.isNaN(Double.longBitsToDouble(want))))
                                    yield x;
                            }
                            yield -1;
                        }
                    };
                    if (bad >= 0) {
                        long x = win[0] + bad, y = win[1] + r;
                        fail(id + ": window " + java.util.Arrays.toString(win) + " band " + (b + 1) + " pixel (" + x + ", "
                                + y + ") reads " + img.getAt(x, y, b).getRealDouble() + ", GDAL reads " + value(b, x, y));
                    }
                }
            return array;
        }

        void compareFloat(RandomAccessibleInterval<FloatType> img, long[] win, int[] bandList, int tolerance, String id) {
            RandomAccess<FloatType> ra = img.randomAccess();
            for (int i = 0; i < bandList.length; i++)
                for (long y = win[1]; y < win[1] + win[3]; y++)
                    for (long x = win[0]; x < win[0] + win[2]; x++) {
                        ra.setPosition(new long[] {x, y, i});
                        float got = ra.get().get();
                        float e = (float) value(bandList[i], x, y);
                        boolean same = got == e || Float.isNaN(got) && Float.isNaN(e) || Math.abs(got - e) <= tolerance;
                        if (!same)
                            fail(id + ": float window " + java.util.Arrays.toString(win) + " band " + (bandList[i] + 1)
                                    + " pixel (" + x + ", " + y + ") reads " + got + ", GDAL reads " + e);
                    }
        }

        /** A nodata value outside the type (only integer types have one here) matches none of the samples. */
        void assertNoNodata(Object samples, RasterInfo info) {
            int n = java.lang.reflect.Array.getLength(samples), plane = n / bands;
            for (int i = 0; i < n; i++) {
                double v = switch (type) {
                    case "uint8" -> ((byte[]) samples)[i] & 0xFF;
                    case "int16" -> ((short[]) samples)[i];
                    case "uint16" -> ((short[]) samples)[i] & 0xFFFF;
                    default -> ((int[]) samples)[i];
                };
                if (info.isNodata(i / plane, v))
                    fail("nodata " + info.nodata().get(i / plane) + " does not fit " + type + " but matches the sample " + v);
            }
        }
    }

    /** The Python generator: gets the design on stdin, streams one JSON line per written case. */
    private static final class Generator {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuilder stderr = new StringBuilder();
        private static final String END = "\u0000end";

        private Generator(Process process) {
            this.process = process;
            Thread out = new Thread(() -> pump(process.getInputStream(), true), "gdal-matrix-stdout");
            Thread err = new Thread(() -> pump(process.getErrorStream(), false), "gdal-matrix-stderr");
            out.setDaemon(true);
            err.setDaemon(true);
            out.start();
            err.start();
        }

        static Generator start(Path dir, List<Case> cases) throws IOException {
            Path script = dir.resolve("gdal_matrix.py");
            try (InputStream in = GdalParityMatrixTest.class.getResourceAsStream("gdal_matrix.py")) {
                Files.copy(in, script);
            }
            String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
            Process p = new ProcessBuilder(python, script.toString()).directory(dir.toFile()).start();
            JsonObject job = new JsonObject();
            job.addProperty("dir", dir.toString());
            job.addProperty("landsat", SharedData.landsat().toString());
            job.add("cases", new Gson().toJsonTree(cases.stream().map(Case::json).toList()));
            try (OutputStream os = p.getOutputStream()) {
                os.write(job.toString().getBytes(StandardCharsets.UTF_8));
            }
            return new Generator(p);
        }

        private void pump(InputStream in, boolean toQueue) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (toQueue) lines.add(line);
                    else synchronized (stderr) { stderr.append(line).append('\n'); }
                }
            } catch (IOException e) {
                synchronized (stderr) { stderr.append(e).append('\n'); }
            } finally {
                if (toQueue) lines.add(END);
            }
        }

        /** The generator's line for this case (they come in design order). */
        JsonObject next(Case c) throws InterruptedException {
            String line = lines.poll(CASE_TIMEOUT_S, TimeUnit.SECONDS);
            if (line == null) fail("the GDAL generator wrote nothing for " + CASE_TIMEOUT_S + " s (at " + c.id() + ")");
            if (line.equals(END)) {
                lines.add(END);
                fail("the GDAL generator stopped before " + c.id() + " (install python3-gdal): " + stderrText());
            }
            JsonObject fact = JsonParser.parseString(line).getAsJsonObject();
            assertEquals(c.id(), fact.get("id").getAsString(), "generator out of step");
            return fact;
        }

        void finish() throws InterruptedException {
            assertTrue(process.waitFor(CASE_TIMEOUT_S, TimeUnit.SECONDS), "the GDAL generator did not exit");
            assertEquals(0, process.exitValue(), "the GDAL generator failed: " + stderrText());
        }

        private String stderrText() {
            synchronized (stderr) {
                String s = stderr.toString();
                return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
            }
        }
    }

}
