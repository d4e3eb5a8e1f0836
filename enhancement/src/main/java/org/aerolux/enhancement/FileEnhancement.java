package org.aerolux.enhancement;

import com.google.gson.JsonElement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.aerolux.core.BadInputException;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.provenance.ProvenanceRecord;

/**
 * Enhancement of image files into an output folder, the one per-file run of every front end (the CLI, Fiji's
 * Batch and the Spark job): for {@code STEM.ext}, {@code STEM_enhanced.tif} (or {@code .png}), with
 * {@link EnhancementOptions#sideBySide()} {@code STEM_before_after.png}, and, written last, the provenance
 * {@code STEM_aerolux.json}. Every file is written under a temporary name and renamed when complete. An input whose
 * enhanced image and provenance exist is skipped unless {@link EnhancementOptions#overwrite()}: an interrupted
 * folder run resumes where it stopped. Shaped like segmentation's {@code FileSegmentation}.
 */
public final class FileEnhancement {
    private final Enhancer enhancer;
    private final Path outputDir;
    private final Path reference;
    private final Map<String, JsonElement> provenanceFields;

    /** Files into {@code outputDir} with the enhancer's options. */
    public FileEnhancement(Enhancer enhancer, Path outputDir) { this(enhancer, outputDir, null, Map.of()); }

    private FileEnhancement(Enhancer enhancer, Path outputDir, Path reference, Map<String, JsonElement> provenanceFields) {
        this.enhancer = enhancer;
        this.outputDir = outputDir;
        this.reference = reference;
        this.provenanceFields = provenanceFields;
    }

    /**
     * The same run, whose provenance records also carry these top-level fields (the {@code invocation}, the Spark
     * {@code executor}), after the standard ones; a field may not replace a common one.
     */
    public FileEnhancement withProvenanceFields(Map<String, ? extends JsonElement> fields) {
        Map<String, JsonElement> all = new LinkedHashMap<>(provenanceFields);
        fields.forEach((k, v) -> all.put(k, v.deepCopy()));
        ProvenanceRecord.checkSections(all.keySet());
        return new FileEnhancement(enhancer, outputDir, reference, Collections.unmodifiableMap(all));
    }

    /** The same run, also comparing each output with this normal-light image (PSNR, SSIM; recorded in the provenance). */
    public FileEnhancement withReference(Path referenceImage) {
        return new FileEnhancement(enhancer, outputDir, referenceImage, provenanceFields);
    }

    /**
     * What one input gave.
     *
     * @param outputs    role to file: enhanced, before_after (when asked), provenance
     * @param result     what the enhancement did (null when skipped)
     * @param comparison the reference comparison, when a reference was given
     */
    public record FileResult(Path input, boolean skipped, Map<String, Path> outputs, EnhancementResult result,
                             Optional<ReferenceComparison> comparison, Duration elapsed) {
        /** The enhanced image. */
        public Path enhanced() { return outputs.get("enhanced"); }
    }

    /** The enhancer this runs. */
    public Enhancer enhancer() { return enhancer; }

    /** The output files of an input by role, in the order they are written. */
    public Map<String, Path> outputsOf(Path input) {
        Map<String, Path> m = new LinkedHashMap<>();
        m.put("enhanced", EnhancedOutputs.enhanced(input, outputDir));
        if (enhancer.options().sideBySide()) m.put("before_after", EnhancedOutputs.beforeAfter(input, outputDir));
        m.put("provenance", provenanceOf(input));
        return m;
    }

    /** The provenance file of an input. */
    public Path provenanceOf(Path input) { return EnhancedOutputs.provenance(input, outputDir); }

    /** True when the enhanced image and the provenance of this input exist (the input was done). */
    public boolean isDone(Path input) { return isDone(input, outputDir); }

    /** True when the enhanced image and the provenance of this input exist in {@code outputDir} (without a loaded model). */
    public static boolean isDone(Path input, Path outputDir) {
        return Files.exists(EnhancedOutputs.enhanced(input, outputDir)) && Files.exists(EnhancedOutputs.provenance(input, outputDir));
    }

    /**
     * Enhances one file (or skips it when done and not overwriting).
     *
     * @throws org.aerolux.core.AeroLuxException for a bad file or options that do not fit it
     */
    public FileResult enhance(Path input, EnhancementListener listener, Cancellation cancellation) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Map<String, Path> outputs = outputsOf(input);
        if (!enhancer.options().overwrite() && isDone(input))
            return new FileResult(input, true, outputs, null, Optional.empty(), Duration.ZERO);
        Path enhanced = outputs.get("enhanced");
        EnhancementResult r = enhancer.enhanceFile(input, enhanced, listener, cancellation);
        if (outputs.containsKey("before_after")) SideBySide.write(input, enhanced, r.bands(), r.range(), outputs.get("before_after"));
        Optional<ReferenceComparison> cmp = Optional.ofNullable(reference)
                .map(ref -> ReferenceComparison.compare(input, enhanced, ref, r.bands(), r.range()));
        EnhancementProvenance.of(enhancer, r, input, outputs, cmp.orElse(null), started).with(provenanceFields).write(provenanceOf(input));
        return new FileResult(input, false, outputs, r, cmp, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** True for a file of a folder that enhancement takes: supported, not hidden, not an output when outputs go there too. */
    public static boolean isInput(Path file, boolean outputsInSameFolder) {
        return !file.getFileName().toString().startsWith(".") && EnhancedOutputs.isSupportedName(file)
                && !(outputsInSameFolder && EnhancedOutputs.isOutputName(file));
    }

    /**
     * The images of a folder, sorted by name, as every front end takes them ({@link #isInput}).
     *
     * @param outputDir where the outputs go (its own outputs are not inputs when it is the same folder)
     */
    public static List<Path> imagesIn(Path folder, Path outputDir) {
        boolean same = sameFile(folder, outputDir);
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> isInput(p, same)).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException(folder, "cannot list the folder: " + e.getMessage(), e);
        }
    }

    /** True when both name the same existing folder. */
    public static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
