package org.aerolux.cli.info;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.aerolux.core.provenance.ProvenanceJson;
import java.io.PrintWriter;
import org.aerolux.core.inference.RuntimeCheck;

/**
 * {@code aerolux info --system}: Java, CPU threads, ONNX Runtime and DJL versions, the execution providers of this
 * build, whether the CUDA provider loads (and ONNX Runtime's reason when it does not), and the GPUs with name, driver
 * and memory (nvidia-smi), as text or JSON. The same facts as Fiji's {@code AeroLux System Check}.
 */
public final class SystemPrinter {
    private SystemPrinter() {}

    public static void print(RuntimeCheck.Report r, boolean json, PrintWriter out) {
        if (json) {
            out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(toJson(r)));
            return;
        }
        out.println("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors()
                + " CPU threads");
        for (String line : r.lines()) out.println(line);
    }

    static JsonObject toJson(RuntimeCheck.Report r) {
        JsonObject o = new JsonObject();
        o.addProperty("java", System.getProperty("java.version"));
        o.addProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        o.addProperty("cpu_threads", Runtime.getRuntime().availableProcessors());
        o.addProperty("onnxruntime", r.onnxRuntime());
        o.addProperty("djl", r.djl());
        JsonArray providers = new JsonArray();
        r.providers().forEach(providers::add);
        o.add("execution_providers", providers);
        JsonObject cuda = new JsonObject();
        cuda.addProperty("loads", r.cudaLoads());
        cuda.addProperty("detail", r.cudaDetail());
        o.add("cuda_provider", cuda);
        o.add("gpus", ProvenanceJson.tree(r.smi().gpus().stream()
                .map(g -> new GpuEntry(g.index(), g.name(), g.driver(), g.totalBytes(), g.freeBytes())).toList()));
        o.addProperty("gpus_detail", r.smi().detail());
        JsonArray folders = new JsonArray();
        r.gpus().forEach(folders::add);
        o.add("driver_gpu_folders", folders);
        return o;
    }

    /** A GPU in the JSON report. */
    private record GpuEntry(int index, String name, String driver, long memoryTotalBytes, long memoryFreeBytes) {}
}
