package org.aerolux.plugins;

import ij.IJ;
import ij.plugin.PlugIn;
import java.util.Locale;
import org.aerolux.core.inference.RuntimeCheck;
import org.aerolux.core.model.ModelRegistry;

/**
 * {@code AeroLux System Check} (no keys): writes to the Log what AeroLux runs on: Java, memory, CPU threads,
 * ONNX Runtime and DJL versions, execution providers, whether the CUDA provider loads (and ONNX Runtime's reason when
 * it does not), the GPUs with name, driver and memory (nvidia-smi, else the driver's list), and the models folder;
 * the facts of {@code aerolux info --system}.
 */
public final class SystemCheckCommand implements PlugIn {
    static final String TITLE = "AeroLux System Check";

    @Override
    public void run(String arg) {
        CommandRunner.run(TITLE, () -> {
            IJ.showStatus(TITLE + ": probing ONNX Runtime");
            RuntimeCheck.Report r = RuntimeCheck.run();
            String version = SystemCheckCommand.class.getPackage().getImplementationVersion();
            IJ.log(TITLE + ":");
            IJ.log("  AeroLux " + (version == null ? "(development build)" : version) + " on ImageJ " + IJ.getFullVersion());
            IJ.log("  Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
            IJ.log(String.format(Locale.ROOT, "  CPU threads: %d; memory: %d MB of %d MB maximum in use", Runtime.getRuntime().availableProcessors(),
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20, Runtime.getRuntime().maxMemory() >> 20));
            IJ.log("  ONNX Runtime " + r.onnxRuntime() + " via DJL " + r.djl());
            IJ.log("  execution providers: " + String.join(", ", r.providers()));
            IJ.log("  CUDA: " + (r.cudaLoads() ? "yes" : "no") + " - " + r.cudaDetail());
            IJ.log("  GPUs: " + String.join("; ", r.gpuLines()));
            ModelRegistry registry = FijiModels.registry();
            IJ.log("  models: " + FijiModels.folder() + " (" + registry.entries().size() + " in the registry)");
            IJ.showStatus(TITLE + ": done (see the Log)");
        });
    }
}
