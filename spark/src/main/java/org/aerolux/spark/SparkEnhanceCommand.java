package org.aerolux.spark;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.aerolux.core.BadInputException;
import org.aerolux.core.model.ModelResolver;
import org.aerolux.core.model.RegistryLocation;
import org.aerolux.enhancement.EnhancedOutputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aerolux-spark enhance}: {@code aerolux enhance} over many scenes, one Spark task per scene. */
@Command(name = "enhance", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"CUE low-light enhancement of many scenes on Spark, one task per scene, with the outputs, provenance and"
                + " resume rule of 'aerolux enhance'; each provenance also names the executor.",
                "IN is a folder of GeoTIFF, TIFF, PNG or JPEG files, one such file, or a text file listing scene paths (one a line)."})
final class SparkEnhanceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "M", defaultValue = "cue-lowlight", description = "registry name or .onnx file (default ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--input", required = true, paramLabel = "IN", description = "a folder, an image, or a text file listing scenes")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "output folder (created when missing)")
    Path output;

    @Option(names = "--bands", paramLabel = "R,G,B", description = "1-based bands fed as red, green, blue; a band may repeat")
    String bands;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "auto", description = "auto, whole or tiled (default ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--range", paramLabel = "MIN,MAX", description = "raw values of black and white")
    String range;

    @Option(names = "--tile", paramLabel = "N", description = "tile edge in tiled mode, at least 512 (default: the model card's)")
    Integer tile;

    @Option(names = "--overlap", paramLabel = "N", description = "tile overlap in pixels (default: the model card's)")
    Integer overlap;

    @Option(names = "--blend", paramLabel = "B", defaultValue = "cosine", description = "center, cosine or gaussian (default ${DEFAULT-VALUE})")
    String blend;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1", description = "tiles per model call (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--device", paramLabel = "D", defaultValue = "auto", description = "auto, cpu, gpu or gpu:N (default ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads per model operator in each task; 0 = all cores."
            + " Default: spark.task.cpus (1 unless set), so that the tasks running at once do not oversubscribe the cores")
    Integer threads;

    @Option(names = "--memory", paramLabel = "SIZE", description = "memory budget per task, e.g. 8g (default: half of the executor's)")
    String memory;

    @Option(names = "--gap-probe", paramLabel = "N", defaultValue = "auto", description = "tiled mode: auto, off, or pixels")
    String gapProbe;

    @Option(names = "--side-by-side", description = "also write STEM_before_after.png")
    boolean sideBySide;

    @Option(names = "--overwrite", description = "replace existing outputs (default: skip scenes whose outputs exist)")
    boolean overwrite;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Path dir = output.toAbsolutePath().normalize();
        EnhanceJob job = new EnhanceJob(new EnhanceJob.Settings(model, bands, mode, range, tile, overlap, blend, batch, device,
                spark.threads(threads), memory, gapProbe, overwrite, sideBySide), dir.toString(),
                "aerolux-spark " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs()),
                Path.of("").toAbsolutePath().toString());
        job.check();
        boolean sameFolder = Files.isDirectory(input) && input.toAbsolutePath().normalize().equals(dir);
        List<String> scenes = SceneList.of(input, p -> EnhancedOutputs.isSupportedName(p) && Files.isRegularFile(p),
                folder -> imagesIn(folder, sameFolder));
        SceneList.checkDistinctOutputs(scenes, p -> EnhancedOutputs.provenance(p, dir));
        new ModelResolver(RegistryLocation.load(SparkEnhanceCommand.class)).resolve(model);
        OutputFolder.prepare(dir);
        if (!spark.quiet) err.println("aerolux-spark: enhancing " + scenes.size() + " scene" + (scenes.size() == 1 ? "" : "s") + " with "
                + model + " into " + dir);
        SparkJob.Result r = SparkJob.run(SparkJob.conf("aerolux-spark enhance", spark), scenes, new EnhanceScene(job));
        return JobReport.print(r, spark.quiet, out, err);
    }

    /** The images of a folder as {@code aerolux enhance} takes them: not hidden, supported, not our own outputs there. */
    private static List<Path> imagesIn(Path folder, boolean outputsHere) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).filter(EnhancedOutputs::isSupportedName)
                    .filter(p -> !(outputsHere && EnhancedOutputs.isOutputName(p))).sorted().forEach(files::add);
        } catch (java.io.IOException e) {
            throw new BadInputException(folder, "cannot list the folder: " + e.getMessage(), e);
        }
        return files;
    }

}
