package org.aerolux.spark;

import java.io.Serializable;
import java.nio.file.Path;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.tile.Blender;
import org.aerolux.enhancement.EnhancementMode;
import org.aerolux.enhancement.EnhancementOptions;
import org.aerolux.enhancement.MemoryBudget;
import org.aerolux.enhancement.ValueRange;

/**
 * An enhancement job as the driver sends it to the executors: the options of {@code aerolux enhance} as typed
 * (serialisable, comparable), the output folder and the command line for the provenance.
 *
 * @param commandLine      the driver's command line, recorded in each provenance
 * @param workingDirectory the driver's working directory, recorded in each provenance
 */
public record EnhanceJob(Settings settings, String outputDir, String commandLine, String workingDirectory) implements Serializable {
    /**
     * What makes an enhancer: the model reference and every option of the run (null: the default). The key of the
     * executors' model cache ({@link ExecutorModels#ENHANCERS}).
     *
     * @param memory the memory budget as typed (e.g. 8g); null for half of each executor's available memory
     */
    public record Settings(String model, String bands, String mode, String range, Integer tile, Integer overlap, String blend,
                           int batch, String device, int threads, String memory, String gapProbe, boolean overwrite,
                           boolean sideBySide) implements Serializable {}

    /** The output folder. */
    public Path output() { return Path.of(outputDir); }

    /** Checks the options as the CLI does (without loading the model). */
    public void check() { options(); }

    /** The options of the CLI, built and checked as {@code aerolux enhance} does (the memory budget of this JVM). */
    public EnhancementOptions options() {
        Settings s = settings;
        EnhancementOptions.Builder b = EnhancementOptions.builder().model(s.model()).mode(EnhancementMode.parse(s.mode()))
                .blend(Blender.parse(s.blend())).batch(s.batch()).device(DeviceRequest.parse(s.device())).threads(s.threads())
                .gapProbe(s.gapProbe()).sideBySide(s.sideBySide()).overwrite(s.overwrite());
        if (s.bands() != null) b.bands(SegmentJob.bandList(s.bands()));
        if (s.range() != null) b.range(ValueRange.parse(s.range()));
        if (s.tile() != null) b.tile(s.tile());
        if (s.overlap() != null) b.overlap(s.overlap());
        if (s.memory() != null) b.memoryBudget(MemoryBudget.parse(s.memory()));
        return b.build();
    }
}
