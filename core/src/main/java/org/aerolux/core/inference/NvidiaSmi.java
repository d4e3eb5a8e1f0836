package org.aerolux.core.inference;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The NVIDIA GPUs as {@code nvidia-smi} lists them (index, name, driver version, total and free memory), for the
 * system check and the automatic batch size. Where {@code nvidia-smi} is absent or fails, the query says why and
 * lists nothing; it never throws.
 */
public final class NvidiaSmi {
    /** The query's fields, in order. */
    static final String FIELDS = "index,name,driver_version,memory.total,memory.free";
    private static final long TIMEOUT_SECONDS = 10;

    private NvidiaSmi() {}

    /**
     * One GPU.
     *
     * @param index      CUDA device index as nvidia-smi numbers it
     * @param name       e.g. "NVIDIA H200"
     * @param driver     driver version, e.g. "570.124.06"
     * @param totalBytes memory of the card
     * @param freeBytes  memory free now
     */
    public record Gpu(int index, String name, String driver, long totalBytes, long freeBytes) {
        /** E.g. "0: NVIDIA H200, driver 570.124.06, 140 GiB free of 141 GiB". */
        public String describe() {
            return index + ": " + name + ", driver " + driver + ", " + gib(freeBytes) + " free of " + gib(totalBytes);
        }

        private static String gib(long b) { return String.format(java.util.Locale.ROOT, "%.1f GiB", b / (double) (1L << 30)); }
    }

    /**
     * What the query found.
     *
     * @param gpus   the GPUs (empty when none or when nvidia-smi did not answer)
     * @param detail how the list was obtained, or why it is empty, one line
     */
    public record Result(List<Gpu> gpus, String detail) {
        public Result {
            gpus = List.copyOf(gpus);
        }

        /** The GPU with this CUDA index. */
        public Optional<Gpu> gpu(int index) { return gpus.stream().filter(g -> g.index() == index).findFirst(); }

        /** Free memory of GPU {@code index}, when known. */
        public OptionalLong freeBytes(int index) {
            return gpu(index).map(g -> OptionalLong.of(g.freeBytes())).orElse(OptionalLong.empty());
        }
    }

    /** Runs {@code nvidia-smi --query-gpu=... --format=csv,noheader,nounits}. */
    public static Result query() { return query("nvidia-smi"); }

    /** As {@link #query()} with another executable (tests). */
    static Result query(String executable) {
        List<String> cmd = List.of(executable, "--query-gpu=" + FIELDS, "--format=csv,noheader,nounits");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(List.of(), "nvidia-smi not found (no NVIDIA driver on this machine)");
        }
        try (InputStream in = p.getInputStream()) {
            // its few lines fit in the pipe, so waiting first cannot block it; a hung driver cannot block us
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(List.of(), "nvidia-smi did not answer within " + TIMEOUT_SECONDS + " s");
            }
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0)
                return new Result(List.of(), "nvidia-smi failed (exit " + p.exitValue() + "): " + firstLine(out));
            List<Gpu> gpus = parse(out);
            return new Result(gpus, gpus.isEmpty() ? "nvidia-smi lists no GPU" : "nvidia-smi");
        } catch (IOException e) {
            return new Result(List.of(), "nvidia-smi could not be read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new Result(List.of(), "interrupted while asking nvidia-smi");
        }
    }

    /** Parses the CSV lines ({@link #FIELDS}, memory in MiB); lines that do not fit are skipped. */
    static List<Gpu> parse(String csv) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            String[] f = line.split(",");
            if (f.length != 5) continue;
            try {
                gpus.add(new Gpu(Integer.parseInt(f[0].trim()), f[1].trim(), f[2].trim(), mib(f[3]), mib(f[4])));
            } catch (NumberFormatException e) {
                // "[N/A]" or a warning line: not a GPU row
            }
        }
        return gpus;
    }

    private static long mib(String s) { return Long.parseLong(s.trim()) << 20; }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
