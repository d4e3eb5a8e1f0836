package org.aerolux.segmentation;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.aerolux.core.UsageException;

/** The outputs a segmentation run can write (INTERFACE.md), each with its file name for an input {@code STEM.tif}. */
public enum SegmentationOutput {
    /** {@code STEM_labels.tif}: uint8 class index with the class palette, nodata 255. */
    LABELS("labels", "_labels.tif"),
    /** {@code STEM_probabilities.tif}: float32, one band per class. */
    PROBABILITIES("probabilities", "_probabilities.tif"),
    /** {@code STEM_confidence.tif}: float32, the maximum probability. */
    CONFIDENCE("confidence", "_confidence.tif"),
    /** {@code STEM_entropy.tif}: float32, the entropy of the probabilities in nats. */
    ENTROPY("entropy", "_entropy.tif"),
    /** {@code STEM_objects.geojson}: one polygon per connected object, in WGS 84 lon/lat. */
    VECTORS("vectors", "_objects.geojson");

    /** labels and confidence: the default of {@code --outputs}. */
    public static final Set<SegmentationOutput> DEFAULTS = Collections.unmodifiableSet(EnumSet.of(LABELS, CONFIDENCE));

    private final String cliName;
    private final String suffix;

    SegmentationOutput(String cliName, String suffix) {
        this.cliName = cliName;
        this.suffix = suffix;
    }

    /** The name users type in {@code --outputs}. */
    public String cliName() { return cliName; }

    /** What follows the stem in the file name, e.g. {@code _labels.tif}. */
    public String suffix() { return suffix; }

    /** The file name for an input stem. */
    public String fileName(String stem) { return stem + suffix; }

    /** True for the GeoTIFF outputs (all but vectors). */
    public boolean isRaster() { return this != VECTORS; }

    /** Parses a comma-separated list such as {@code labels,confidence}; unknown or empty names are a usage error. */
    public static Set<SegmentationOutput> parseList(String text) {
        if (text == null || text.isBlank()) throw new UsageException(null, "--outputs needs at least one of " + names());
        EnumSet<SegmentationOutput> set = EnumSet.noneOf(SegmentationOutput.class);
        for (String part : text.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) continue;
            SegmentationOutput o = Stream.of(values()).filter(v -> v.cliName.equals(p) || ("objects".equals(p) && v == VECTORS))
                    .findFirst().orElseThrow(() -> new UsageException(null, "--outputs: unknown output '" + part.trim()
                            + "'; choose from " + names()));
            set.add(o);
        }
        if (set.isEmpty()) throw new UsageException(null, "--outputs needs at least one of " + names());
        return Collections.unmodifiableSet(set);
    }

    /** The names as a comma-separated list. */
    /** E.g. "outputs labels, probabilities" for messages. */
    public static String describe(Set<SegmentationOutput> outputs) {
        return (outputs.size() == 1 ? "output " : "outputs ") + outputs.stream().map(SegmentationOutput::cliName).collect(Collectors.joining(", "));
    }

    public static String names() { return Stream.of(values()).map(SegmentationOutput::cliName).collect(Collectors.joining(", ")); }
}
