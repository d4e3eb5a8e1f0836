package org.aerolux.core.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** GDAL's command-line tools as an independent reader and converter for tests (Debian package gdal-bin). */
public final class Gdal {
    private Gdal() {}

    /** Runs gdal_translate SRC DST with options; fails the test when it fails. */
    public static void translate(Path src, Path dst, String... options) {
        List<String> cmd = new ArrayList<>(List.of("gdal_translate", "-q"));
        cmd.addAll(List.of(options));
        cmd.add(src.toString());
        cmd.add(dst.toString());
        run(cmd);
    }

    /**
     * The pixels as GDAL decodes them: [band][y * width + x] as doubles (exact for every GDAL type), read through
     * a raw ENVI export made by gdal_translate. Options such as {@code -srcwin} or {@code -b} may be added.
     */
    public static double[][] pixels(Path src, String... options) {
        try {
            Path dir = Files.createTempDirectory("aerolux-gdal");
            try {
                Path raw = dir.resolve("pixels.raw");
                List<String> opts = new ArrayList<>(List.of("-of", "ENVI", "-ot", "Float64", "-co", "INTERLEAVE=BSQ"));
                opts.addAll(List.of(options));
                translate(src, raw, opts.toArray(String[]::new));
                GdalInfo info = GdalInfo.of(raw);
                int bands = info.bandCount();
                int n = info.width() * info.height();
                ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
                double[][] out = new double[bands][n];
                for (int b = 0; b < bands; b++) for (int i = 0; i < n; i++) out[b][i] = buf.getDouble();
                return out;
            } finally {
                try (var s = Files.list(dir)) {
                    for (Path p : s.toList()) Files.deleteIfExists(p);
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Runs a Python snippet with GDAL's bindings (python3-gdal, in /usr/bin/python3 where the first python3 on the
     * PATH may lack them), with {@code args} as sys.argv[1:]; returns what it prints; fails the test when it fails.
     */
    public static String python(String code, String... args) {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        List<String> cmd = new ArrayList<>(List.of(python, "-c", code));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private static String run(List<String> cmd) {
        try {
            Processes.Result r = Processes.run(new ProcessBuilder(cmd).redirectErrorStream(true), java.time.Duration.ofSeconds(300));
            if (r.code() != 0) throw new AssertionError(String.join(" ", cmd) + " failed: " + r.out());
            return r.out();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd.get(0) + " (install gdal-bin): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
