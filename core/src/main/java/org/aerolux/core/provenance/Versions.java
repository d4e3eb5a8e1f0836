package org.aerolux.core.provenance;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aerolux.core.model.DeviceReport;

/** The versions section: the tool ({@code aerolux}) and what it ran on. */
public record Versions(String aerolux, String java, String onnxruntime, String djl, String os, int cpus) {
    private static final Pattern RUNTIME = Pattern.compile("ONNX Runtime (\\S+) via DJL (\\S+)");

    /** This JVM's versions and the runtime that {@code device} names. */
    public static Versions of(DeviceReport device) {
        Matcher m = RUNTIME.matcher(device.runtime());
        boolean parsed = m.find();
        return new Versions(AeroLuxVersion.get(), System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                parsed ? m.group(1) : device.runtime(), parsed ? m.group(2) : device.runtime(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors());
    }
}
