package org.aerolux.core.model;

import java.util.Locale;
import java.util.OptionalInt;
import org.aerolux.core.UsageException;

/**
 * The device a user asks for: {@code auto} (CUDA when its provider loads, else CPU, saying why), {@code cpu},
 * {@code gpu} (strict: CUDA device 0 or an error) or {@code gpu:N}.
 *
 * @param kind      auto, cpu or gpu
 * @param gpuIndex  the CUDA device for {@code gpu:N}; empty means device 0
 */
public record DeviceRequest(Kind kind, OptionalInt gpuIndex) {
    public enum Kind { AUTO, CPU, GPU }

    public static final DeviceRequest AUTO = new DeviceRequest(Kind.AUTO, OptionalInt.empty());
    public static final DeviceRequest CPU = new DeviceRequest(Kind.CPU, OptionalInt.empty());

    public DeviceRequest {
        if (gpuIndex.isPresent() && (kind != Kind.GPU || gpuIndex.getAsInt() < 0))
            throw new IllegalArgumentException("a device index needs gpu and must not be negative");
    }

    /** Parses {@code auto|cpu|gpu|gpu:N} (case-insensitive); anything else is a usage error. */
    public static DeviceRequest parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "auto": return AUTO;
            case "cpu": return CPU;
            case "gpu": case "cuda": return new DeviceRequest(Kind.GPU, OptionalInt.empty());
            default: break;
        }
        for (String prefix : new String[] {"gpu:", "cuda:"}) {
            if (t.startsWith(prefix)) {
                String n = t.substring(prefix.length());
                if (n.matches("[0-9]{1,4}")) return new DeviceRequest(Kind.GPU, OptionalInt.of(Integer.parseInt(n)));
            }
        }
        throw new UsageException(null, "--device must be auto, cpu, gpu or gpu:N, got '" + text + "'");
    }

    /** The CUDA device index to try (0 unless gpu:N). */
    public int cudaDevice() { return gpuIndex.orElse(0); }

    /** As the user writes it: auto, cpu, gpu or gpu:N. */
    @Override
    public String toString() {
        return switch (kind) {
            case AUTO -> "auto";
            case CPU -> "cpu";
            case GPU -> gpuIndex.isPresent() ? "gpu:" + gpuIndex.getAsInt() : "gpu";
        };
    }
}
