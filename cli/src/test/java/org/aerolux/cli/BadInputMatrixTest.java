package org.aerolux.cli;

import static org.aerolux.cli.CliRun.list;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.aerolux.core.model.Sha256;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.GeoTiffSink;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.Rasters;
import org.aerolux.core.testing.Gdal;
import org.aerolux.core.testing.GdalInfo;
import org.aerolux.core.testing.SharedData;
import org.aerolux.core.testing.TestImages;
import org.aerolux.core.testing.TestModels;
import org.aerolux.core.testing.TiffBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input matrix of issue 9, through the CLI in-process: each case builds its inputs in {@code in/}, runs one
 * command writing to {@code out/}, and must give the documented exit code, exactly one stderr line that starts with
 * {@code aerolux: }, names the file and says the problem (no class names, no stack trace), no output file and no
 * temporary file anywhere, and the inputs' bytes unchanged (sha256 before and after). The cases that must work
 * (all-nodata, all-NaN, a path with spaces and non-ASCII characters) are the tests after the matrix.
 */
class BadInputMatrixTest {
    /** Marks a command line to run with -Daerolux.models set to the folder that follows. */
    private static final String REGISTRY = "registry=";

    @TempDir
    Path tmp;

    @org.junit.jupiter.api.AfterEach
    void unmount() throws IOException {
        if (Files.isDirectory(tmp.resolve("out")) && isMountPoint(tmp.resolve("out"))) Mounts.unmount(tmp.resolve("out"));
    }

    private static boolean isMountPoint(Path dir) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream().anyMatch(l -> l.split(" ")[1].equals(dir.toString()));
    }

    /** out/ as a read-only tmpfs (root can write through permission bits, not through a read-only mount). */
    static Path readOnly(Dirs d) {
        try {
            return Mounts.tmpfs(d.out(), "64k", "ro");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a case's files go; {@code in} holds everything that must stay unchanged. */
    record Dirs(Path in, Path out) {}

    /**
     * One row of the matrix.
     *
     * @param setup makes the inputs under in/ and returns the command line
     * @param named the file the error line must name (relative to in/, or absolute when it starts with /)
     */
    record Case(String name, int exit, String named, String problem, Function<Dirs, String[]> setup) {
        @Override
        public String toString() { return name; }
    }

    static Stream<Case> matrix() {
        return Stream.of(
                // broken files
                new Case("truncated GeoTIFF", 3, "cut.tif", "truncated",
                        d -> segment(d, dominant(d), write(d, "cut.tif", bytes -> Arrays.copyOf(bytes, bytes.length / 3)))),
                new Case("zero-byte file", 3, "empty.tif", "empty file",
                        d -> segment(d, dominant(d), write(d, "empty.tif", bytes -> new byte[0]))),
                new Case("PNG renamed .tif", 3, "photo.tif", "named as a TIFF but holds a PNG image; rename it to .png",
                        d -> segment(d, dominant(d), copy(SharedData.natural("color.png"), d.in().resolve("photo.tif")))),
                new Case("TIFF with broken GeoKeys", 3, "keys.tif", "unreadable GeoKeys",
                        d -> segment(d, dominant(d), brokenGeoKeys(d.in().resolve("keys.tif")))),
                new Case("broken GeoKeys through info", 3, "keys.tif", "unreadable GeoKeys",
                        d -> new String[] {"info", brokenGeoKeys(d.in().resolve("keys.tif")).toString()}),
                // unusable rasters
                new Case("TIFF claiming 10^6 x 10^6 pixels", 3, "huge.tif", "the image claims 1000000 x 1000000 pixels",
                        d -> segment(d, dominant(d), hugeTiff(d.in().resolve("huge.tif")))),
                new Case("1-band raster for a 3-band model", 2, "one.tif", "the model takes 3 bands (red, green, blue) but the input has 1",
                        d -> segment(d, TestModels.conv3x3(), raster(d.in().resolve("one.tif"), 1, DataType.UINT8, null))),
                new Case("2-band raster for a 3-band model", 2, "two.tif", "the model takes 3 bands (red, green, blue) but the input has 2",
                        d -> segment(d, TestModels.conv3x3(), raster(d.in().resolve("two.tif"), 2, DataType.UINT8, null))),
                new Case("enhance: 2-band raster for an RGB model", 3, "two.tif", "the image has 2 bands and enhancement needs red, green and blue",
                        d -> new String[] {"enhance", "--model", "cue-demo", "--input",
                                raster(d.in().resolve("two.tif"), 2, DataType.UINT8, null).toString(), "--output", d.out().toString()}),
                // bad models
                new Case("non-ONNX model file", 4, "notes.onnx", "not an ONNX model",
                        d -> segment(d, text(d.in().resolve("notes.onnx"), "a text file, not a model\n"), small(d))),
                new Case("ONNX with the wrong input rank", 4, "wrong_rank.onnx", "rank 3",
                        d -> segment(d, copy(TestModels.wrongRank(), d.in().resolve("wrong_rank.onnx")), small(d))),
                new Case("card missing a required key", 4, "missing_key.onnx", "aerolux.overlap",
                        d -> segment(d, copy(TestModels.missingKey(), d.in().resolve("missing_key.onnx")), small(d))),
                new Case("sha256 differs from the registry", 4, "reg/tampered.onnx", "but the registry says",
                        d -> registryRun(d, "segment", "--model", "tampered", "--input", small(d).toString(), "--output", d.out().toString())),
                new Case("an enhancement model given to segment", 4, "identity.onnx", "is an enhancement model",
                        d -> segment(d, copy(TestModels.identity(), d.in().resolve("identity.onnx")), small(d))),
                // bad usage
                new Case("read-only output folder", 2, "/ro", "the output folder is not writable: Read-only file system",
                        d -> segment(d, dominant(d), small(d), readOnly(d))),
                new Case("output folder inside the input file's path", 2, "small.tif/results", "--output cannot be inside",
                        d -> segment(d, dominant(d), small(d), d.in().resolve("small.tif/results"))),
                new Case("segment --output equal to the input", 2, "small.tif", "--output must be a folder, but this is a file",
                        d -> segment(d, dominant(d), small(d), d.in().resolve("small.tif"))),
                new Case("copy onto its input", 2, "./small.tif", "refusing to overwrite an input file",
                        d -> new String[] {"copy", small(d).toString(), d.in().resolve("./small.tif").toString()}),
                new Case("--bands out of range", 2, "small.tif", "band 9",
                        d -> segment(d, TestModels.conv3x3(), small(d), "--bands", "1,2,9")),
                new Case("--bands 0", 2, null, "--bands",
                        d -> segment(d, TestModels.conv3x3(), small(d), "--bands", "0,1,2")),
                new Case("--tile 0", 2, null, "--tile",
                        d -> segment(d, dominant(d), small(d), "--tile", "0")),
                new Case("--tile negative", 2, null, "--tile",
                        d -> segment(d, dominant(d), small(d), "--tile", "-64")),
                new Case("--overlap negative", 2, null, "--overlap",
                        d -> segment(d, dominant(d), small(d), "--overlap", "-8")),
                new Case("enhance --tile 0", 2, null, "--tile",
                        d -> new String[] {"enhance", "--model", "cue-demo", "--input", small(d).toString(), "--output",
                                d.out().toString(), "--tile", "0"}),
                // ground truth for calibrate
                new Case("calibrate: labels of another size", 3, "labels.tif", "they must cover the same grid",
                        d -> calibrate(d, labels(d.in().resolve("labels.tif"), 39, 40, -1))),
                new Case("calibrate: a label outside the model's classes", 3, "labels.tif", "is not a class of model",
                        d -> calibrate(d, labels(d.in().resolve("labels.tif"), 40, 40, 7))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void failsCleanly(Case c) throws IOException {
        Dirs d = new Dirs(Files.createDirectories(tmp.resolve("in")), tmp.resolve("out"));
        String[] args = c.setup().apply(d);
        Map<Path, String> before = hashes(d.in());
        CliRun.Result r = args[0].startsWith(REGISTRY)
                ? CliRun.runWithRegistry(Path.of(args[0].substring(REGISTRY.length())), Arrays.copyOfRange(args, 1, args.length))
                : CliRun.run(args);

        assertEquals(c.exit(), r.code(), c + "\n" + r.all());
        String line = r.err().lines().filter(l -> !l.contains(" runs on ")).reduce((a, b) -> a + "\n" + b).orElse("");
        assertEquals(1, line.lines().count(), c + ": one line\n" + r.err());
        assertTrue(line.startsWith("aerolux: "), line);
        if (c.named() != null) {
            String file = c.named().startsWith("/") ? c.named() : d.in().resolve(c.named()).toString();
            if (c.named().equals("/ro")) file = d.out().toString();
            assertTrue(line.contains(file + ": "), c + ": names " + file + "\n" + line);
        }
        assertTrue(line.contains(c.problem()), c + ": says '" + c.problem() + "'\n" + line);
        assertFalse(line.matches(".*\\b\\w+(Exception|Error)\\b.*"), "no class names: " + line);
        assertFalse(r.err().contains("\tat "), "no stack trace");

        assertEquals(before, hashes(d.in()), "inputs unchanged, nothing added beside them");
        assertEquals(java.util.List.of(), list(d.out()), "no output, no temporary file");
    }

    @Test
    void anAllNodataRasterRunsAndGivesAllNodataOutputs() throws Exception {
        Dirs d = new Dirs(Files.createDirectories(tmp.resolve("in")), tmp.resolve("out"));
        Path in = raster(d.in().resolve("blank.tif"), 3, DataType.UINT8, 0.0, (x, y, b) -> 0);
        dominant(d);
        assertAllNodata(d, in);
    }

    @Test
    void anAllNanRasterIsAllNodataToo() throws Exception {
        Dirs d = new Dirs(Files.createDirectories(tmp.resolve("in")), tmp.resolve("out"));
        Path in = raster(d.in().resolve("nan.tif"), 3, DataType.FLOAT32, null, (x, y, b) -> Double.NaN);
        dominant(d);
        assertAllNodata(d, in);
    }

    private void assertAllNodata(Dirs d, Path in) {
        Map<Path, String> before = hashes(d.in());
        CliRun.Result r = CliRun.run(segment(d, dominant(d), in, "--outputs", "labels,confidence", "--quiet"));
        assertEquals(0, r.code(), r.all());
        assertEquals("", r.err());
        String stem = in.getFileName().toString().replace(".tif", "");
        double[][] labels = Gdal.pixels(d.out().resolve(stem + "_labels.tif"));
        assertTrue(Arrays.stream(labels[0]).allMatch(v -> v == 255), "every label is nodata (255)");
        assertEquals(255.0, GdalInfo.of(d.out().resolve(stem + "_labels.tif")).noData(1));
        double[][] confidence = Gdal.pixels(d.out().resolve(stem + "_confidence.tif"));
        Double nd = GdalInfo.of(d.out().resolve(stem + "_confidence.tif")).noData(1);
        assertNotNull(nd, "confidence declares its nodata");
        assertTrue(Arrays.stream(confidence[0]).allMatch(v -> Double.isNaN(nd) ? Double.isNaN(v) : v == nd), "every confidence is nodata");
        assertEquals(before, hashes(d.in()));
    }

    @Test
    void aPathWithSpacesAndNonAsciiCharactersWorks() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("Données d'été/проба 1"));
        Path model = CliRun.dominantModel(tmp.resolve("modèles ü"));
        Path image = copy(SharedData.landsat(), in.resolve("Scène à Zürich №1.tif"));
        String hash = Sha256.of(image);
        Path out = tmp.resolve("résultats 出力");
        CliRun.Result r = CliRun.run("segment", "--model", model.toString(), "--input", in.toString(), "--output", out.toString(),
                "--bands", "3,2,1", "--outputs", "labels,vectors", "--quiet");
        assertEquals(0, r.code(), r.all());
        assertEquals(java.util.List.of("Scène à Zürich №1_aerolux.json", "Scène à Zürich №1_labels.tif",
                "Scène à Zürich №1_labels.tif.aux.xml", "Scène à Zürich №1_objects.geojson"), SegmentCommandTest.names(out));
        GdalInfo a = GdalInfo.of(image), b = GdalInfo.of(out.resolve("Scène à Zürich №1_labels.tif"));
        assertEquals(a.epsg(), b.epsg());
        assertArrayEquals(a.geoTransform(), b.geoTransform(), 0.0);
        assertEquals(a.width() * 1000 + a.height(), b.width() * 1000 + b.height());
        assertTrue(Files.readString(out.resolve("Scène à Zürich №1_aerolux.json")).contains("\"file_name\": \"Scène à Zürich №1.tif\""));
        assertEquals(hash, Sha256.of(image));
        CliRun.Result info = CliRun.run("info", image.toString());
        assertEquals(0, info.code(), info.all());
    }

    // ---- inputs ----

    static String[] segment(Dirs d, Path model, Path input, String... extra) {
        return segment(d, model, input, d.out(), extra);
    }

    static String[] segment(Dirs d, Path model, Path input, Path out, String... extra) {
        return Stream.concat(Stream.of("segment", "--model", model.toString(), "--input", input.toString(), "--output", out.toString(),
                "--device", "cpu"), Arrays.stream(extra)).toArray(String[]::new);
    }

    static String[] calibrate(Dirs d, Path labels) {
        return new String[] {"calibrate", "--model", dominant(d).toString(), "--input", small(d).toString(), "--labels", labels.toString(),
                "--output", d.out().toString(), "--quiet"};
    }

    /** The test's dominant-band model (a copy in in/, card sidecar beside it). */
    static Path dominant(Dirs d) {
        Path m = d.in().resolve("dominant.onnx");
        return Files.exists(m) ? m : CliRun.dominantModel(d.in());
    }

    /** A valid 40 x 40 3-band uint8 GeoTIFF in in/. */
    static Path small(Dirs d) {
        Path p = d.in().resolve("small.tif");
        return Files.exists(p) ? p : raster(p, 3, DataType.UINT8, null);
    }

    static Path raster(Path file, int bands, DataType type, Double nodata) {
        return raster(file, bands, type, nodata, (x, y, b) -> (x * 7 + y * 13 + b * 101) % 256);
    }

    static Path raster(Path file, int bands, DataType type, Double nodata, TestImages.PixelFunction f) {
        Georeference g = Georeference.of(Rasters.crs(32633), new Affine(500000, 0.5, 0, 4000000, 0, -0.5));
        GeoTiffSink.Builder b = GeoTiffSink.builder(file, 40, 40, bands, type).georeference(g);
        if (nodata != null) b.nodata(nodata);
        try (GeoTiffSink s = b.build()) {
            TestImages.stream(s, 40, 40, bands, 16, f);
            s.commit();
        }
        return file;
    }

    /** Ground truth for the small image: the brightest band, 255 in row 0, one label set to {@code wrong} if >= 0. */
    static Path labels(Path file, int w, int h, int wrong) {
        try (GeoTiffSink s = GeoTiffSink.builder(file, w, h, 1, DataType.UINT8).build()) {
            TestImages.stream(s, w, h, 1, h, (x, y, b) -> {
                if (y == 0) return 255;
                if (wrong >= 0 && x == 5 && y == 20) return wrong;
                int best = 0;
                for (int k = 1; k < 3; k++) if ((x * 7 + y * 13 + k * 101) % 256 > (x * 7 + y * 13 + best * 101) % 256) best = k;
                return best;
            });
            s.commit();
        }
        return file;
    }

    /** A valid GeoTIFF whose GeoKey directory claims more keys than it holds. */
    static Path brokenGeoKeys(Path file) {
        raster(file, 3, DataType.UINT8, null);
        try {
            TiffBytes.setShortInArray(file, 34735, 3, 400);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * A minimal little-endian TIFF (3 x uint8, one strip) whose directory says 1 000 000 x 1 000 000 pixels, with
     * only a few bytes of pixel data.
     */
    static Path hugeTiff(Path file) {
        int n = 11;
        int ifd = 8, bits = ifd + 2 + 12 * n + 4, data = bits + 6;
        ByteBuffer b = ByteBuffer.allocate(data + 64).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
        b.position(ifd).putShort((short) n);
        entry(b, 256, 4, 1, 1_000_000); // ImageWidth
        entry(b, 257, 4, 1, 1_000_000); // ImageLength
        entry(b, 258, 3, 3, bits); // BitsPerSample 8,8,8 (out of line)
        entry(b, 259, 3, 1, 1); // no compression
        entry(b, 262, 3, 1, 2); // RGB
        entry(b, 273, 4, 1, data); // StripOffsets
        entry(b, 277, 3, 1, 3); // SamplesPerPixel
        entry(b, 278, 4, 1, 1_000_000); // RowsPerStrip
        entry(b, 279, 4, 1, 64); // StripByteCounts (a lie)
        entry(b, 284, 3, 1, 1); // chunky
        entry(b, 339, 3, 1, 1); // unsigned
        b.putInt(0);
        b.position(bits).putShort((short) 8).putShort((short) 8).putShort((short) 8);
        try {
            Files.write(file, b.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3 && count == 1) b.putShort((short) value).putShort((short) 0);
        else b.putInt(value);
    }

    /** A registry in in/reg with an entry "tampered" whose sha256 is not its file's; runs args with it. */
    static String[] registryRun(Dirs d, String... args) {
        try {
            Path reg = Files.createDirectories(d.in().resolve("reg"));
            Path model = copy(TestModels.conv3x3(), reg.resolve("tampered.onnx"));
            String sha = Sha256.of(model);
            String wrong = sha.substring(0, 63) + (sha.charAt(63) == '0' ? '1' : '0');
            Files.writeString(reg.resolve("registry.json"), """
                    {"models": [{"name": "tampered", "file": "tampered.onnx", "type": "segmentation", "sha256": "%s"}]}
                    """.formatted(wrong));
            // the registry is named by a system property; the run below sets and clears it
            return Stream.concat(Stream.of(REGISTRY + reg), Arrays.stream(args)).toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Dirs d, String name, Function<byte[], byte[]> from) {
        try {
            Path p = d.in().resolve(name);
            Files.write(p, from.apply(Files.readAllBytes(SharedData.landsat())));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            return Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path text(Path file, String s) {
        try {
            return Files.writeString(file, s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** sha256 of every file under a folder, by path. */
    static Map<Path, String> hashes(Path dir) {
        Map<Path, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(p -> m.put(p, Sha256.of(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
