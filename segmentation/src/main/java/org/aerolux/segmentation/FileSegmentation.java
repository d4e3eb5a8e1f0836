package org.aerolux.segmentation;

import com.google.gson.JsonElement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aerolux.core.AeroLuxException;
import org.aerolux.core.BadInputException;
import org.aerolux.core.DeviceException;
import org.aerolux.core.ModelException;
import org.aerolux.core.UsageException;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.pipeline.ProgressListener;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.core.raster.Rasters;
import org.aerolux.segmentation.area.PixelAreaModel;

/**
 * Segmentation of raster files into an output folder: for {@code STEM.tif}, the requested outputs
 * {@code STEM_labels.tif}, ... and, written last, the provenance {@code STEM_aerolux.json}. Every file is written
 * under a temporary name and renamed when complete, so a failure or cancel leaves no partial output. An input
 * whose provenance and requested outputs all exist is skipped unless {@code overwrite} is set: an interrupted
 * folder run resumes where it stopped.
 */
public final class FileSegmentation {
    /** Suffix of the provenance file. */
    public static final String PROVENANCE_SUFFIX = "_aerolux.json";

    private final Segmenter segmenter;
    private final Path outputDir;
    private final VectorOutputFactory vectors;
    private final Map<String, JsonElement> provenanceFields;

    /** Files into {@code outputDir}, vectors as GeoJSON ({@link VectorOutputs#geoJson()}). */
    public FileSegmentation(Segmenter segmenter, Path outputDir) { this(segmenter, outputDir, null); }

    /** @param vectors makes the vector output; null for GeoJSON with the default options */
    public FileSegmentation(Segmenter segmenter, Path outputDir, VectorOutputFactory vectors) {
        this(segmenter, outputDir, vectors, Map.of());
    }

    private FileSegmentation(Segmenter segmenter, Path outputDir, VectorOutputFactory vectors, Map<String, JsonElement> provenanceFields) {
        this.segmenter = segmenter;
        this.outputDir = outputDir;
        this.vectors = vectors == null ? VectorOutputs.geoJson() : vectors;
        this.provenanceFields = provenanceFields;
        if (segmenter.options().outputs().isEmpty()) throw new UsageException(null, "--outputs: nothing to write");
    }

    /**
     * The same file segmentation, whose provenance records also carry these top-level fields (for example the
     * Spark executor that ran the input), after the standard ones. A field may not replace a standard one.
     */
    public FileSegmentation withProvenanceFields(Map<String, ? extends JsonElement> fields) {
        Map<String, JsonElement> all = new LinkedHashMap<>(provenanceFields);
        fields.forEach((k, v) -> all.put(k, v.deepCopy()));
        Provenance.checkExtraFields(all.keySet());
        return new FileSegmentation(segmenter, outputDir, vectors, Collections.unmodifiableMap(all));
    }

    /** What one input gave. */
    public record FileResult(Path input, boolean skipped, Map<SegmentationOutput, Path> outputs, Path provenance,
                             SegmentationResult result, Duration elapsed) {}

    /** The stem of an input: its file name without the last extension. */
    public static String stem(Path input) {
        String n = input.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** The output files of an input, in the order of {@link SegmentationOutput}. */
    public Map<SegmentationOutput, Path> outputsOf(Path input) {
        Map<SegmentationOutput, Path> m = new EnumMap<>(SegmentationOutput.class);
        for (SegmentationOutput o : segmenter.options().outputs()) m.put(o, outputDir.resolve(o.fileName(stem(input))));
        return m;
    }

    /** The provenance file of an input. */
    public Path provenanceOf(Path input) { return outputDir.resolve(stem(input) + PROVENANCE_SUFFIX); }

    /** True when the provenance and every requested output of this input exist (the input was done). */
    public boolean isDone(Path input) {
        if (!Files.isRegularFile(provenanceOf(input))) return false;
        return outputsOf(input).values().stream().allMatch(Files::isRegularFile);
    }

    /**
     * Segments one file (or skips it when done and not overwriting).
     *
     * @throws AeroLuxException naming the input for a bad file or options that do not fit it
     */
    public FileResult segment(Path input, ProgressListener progress, Cancellation cancellation) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        if (!segmenter.options().overwrite() && isDone(input))
            return new FileResult(input, true, outputsOf(input), provenanceOf(input), null, Duration.ZERO);
        Map<SegmentationOutput, Path> outputs = outputsOf(input);
        try (RasterSource source = Rasters.open(input)) {
            RasterInfo info = source.info();
            MemoryPlan plan = segmenter.planFor(info, outputs.keySet()); // before any output exists: a plan that cannot fit leaves nothing
            SegmentationSinks sinks = sinks(input, info, outputs, plan.sinkTile());
            SegmentationResult result = segmenter.run(source, sinks, PixelAreaModel.of(info.georeference()), progress, cancellation, List.of(),
                    plan);
            Path labels = outputs.get(SegmentationOutput.LABELS);
            if (labels != null) LabelsAuxXml.write(labels, segmenter.model().card().classes());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            Provenance.write(Provenance.of(segmenter, input, info, outputs, result, started, elapsed, provenanceFields), provenanceOf(input));
            return new FileResult(input, false, outputs, provenanceOf(input), result, elapsed);
        } catch (AeroLuxException e) {
            throw naming(input, e);
        } catch (OutOfMemoryError e) {
            throw org.aerolux.core.HeapMemoryException.of(input, "segmenting " + input.getFileName(), e);
        }
    }

    private SegmentationSinks sinks(Path input, RasterInfo info, Map<SegmentationOutput, Path> outputs, int tile) {
        SegmentationSinks.Builder b = SegmentationSinks.builder();
        try {
            for (Map.Entry<SegmentationOutput, Path> e : outputs.entrySet()) {
                if (e.getValue().toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize()))
                    throw new UsageException(e.getValue(), "refusing to overwrite an input file; choose another output folder");
                if (e.getKey().isRaster())
                    b.raster(e.getKey(), GeoTiffOutputs.create(e.getKey(), e.getValue(), info, segmenter.model().card().classes(), tile));
                else b.vectors(vectors.create(e.getValue(), info, segmenter.model().card().classes()));
            }
            return b.build();
        } catch (RuntimeException e) {
            // close what was created so far: no temporary file stays behind
            try {
                b.build().close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The same failure, naming the input when it named no file. */
    static AeroLuxException naming(Path input, AeroLuxException e) {
        if (e.file() != null) return e;
        String m = e.getMessage();
        if (e instanceof UsageException) return new UsageException(input, m, e);
        if (e instanceof BadInputException) return new BadInputException(input, m, e);
        if (e instanceof ModelException) return new ModelException(input, m, e);
        if (e instanceof DeviceException) return new DeviceException(input, m, e);
        if (e instanceof org.aerolux.core.HeapMemoryException) return new org.aerolux.core.HeapMemoryException(input, m, e);
        if (e instanceof org.aerolux.core.CancelledException) return e;
        return new AeroLuxException(e.exitCode(), input, m, e);
    }

    /**
     * The rasters of a folder, sorted by name: files ending in .tif or .tiff (any case), skipping hidden files,
     * temporary files and the outputs of an earlier run ({@code X_labels.tif} etc. beside {@code X.tif}).
     */
    public static List<Path> rastersIn(Path folder) {
        List<Path> files;
        try (var s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException(folder, "cannot list the folder: " + e.getMessage(), e);
        }
        Map<String, Path> byName = new LinkedHashMap<>();
        for (Path p : files) byName.put(p.getFileName().toString(), p);
        return files.stream().filter(p -> isRaster(p.getFileName().toString()) && !isOutputOfAnother(p.getFileName().toString(), byName))
                .toList();
    }

    private static boolean isRaster(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith(".") || n.startsWith("~") || n.endsWith("~")) return false;
        return n.endsWith(".tif") || n.endsWith(".tiff");
    }

    private static boolean isOutputOfAnother(String name, Map<String, Path> folder) {
        for (SegmentationOutput o : SegmentationOutput.values()) {
            if (!o.isRaster() || !name.endsWith(o.suffix())) continue;
            String stem = name.substring(0, name.length() - o.suffix().length());
            if (folder.containsKey(stem + ".tif") || folder.containsKey(stem + ".tiff") || folder.containsKey(stem + ".TIF"))
                return true;
        }
        return false;
    }
}
