package org.aerolux.calibration;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.aerolux.core.provenance.ProvenanceJson;

/**
 * A {@link CalibrationReport} as JSON (the {@code before} and {@code after} sections of calibration.json): the
 * records below, in the project's one JSON configuration ({@link ProvenanceJson}: snake_case keys; values that are
 * undefined, NaN such as an empty bin's accuracy or a class never evaluated, are written as null).
 */
public final class CalibrationReportJson {
    /** Version of the layout below; bump on incompatible change. */
    public static final int FORMAT_VERSION = 1;

    private CalibrationReportJson() {}

    /** The layout of a report. */
    record Report(String format, int formatVersion, int numClasses, int bins, boolean foregroundOnly, int backgroundClass,
                  int ignoreLabel, String ceceClasses, String averaging, int images, int imagesWithoutPixels, double ece, double cece,
                  double nll, double brier, Pooled pooled, double[] classEce, long[] classPixels, PixelCounts pixels,
                  List<Bin> reliability, Temperature temperature, Nacl naclPenalty, List<PerImage> perImage) {}

    /** Metrics of all evaluated pixels together. */
    record Pooled(double ece, double nll, double brier) {}

    /** A bin of the reliability diagram. */
    record Bin(double lower, double upper, long count, double meanConfidence, double accuracy, double gap) {}

    /** A fitted temperature. */
    record Temperature(double value, double nllBefore, double nllAfter, int samples, long eligiblePixels, int iterations,
                       boolean atBound) {}

    /** The NACL penalty. */
    record Nacl(double l1, double l2, long pixels, int kernelSize, String kernel, String padding) {}

    /** The metrics of one image. */
    record PerImage(String name, long pixels, double ece, double cece, double nll, double brier) {}

    /** The report as a JSON tree. */
    public static JsonObject toJsonTree(CalibrationReport r) {
        CalibrationOptions o = r.options();
        TemperatureFit t = r.temperature();
        NaclPenalty p = r.naclPenalty();
        Report report = new Report("aerolux-calibration", FORMAT_VERSION, r.numClasses(), o.bins(), o.foregroundOnly(),
                o.backgroundClass(), o.ignoreLabel(), o.ceceClasses().name().toLowerCase(Locale.ROOT), "per_image_mean", r.images(),
                r.imagesWithoutPixels(), r.ece(), r.cece(), r.nll(), r.brier(), new Pooled(r.pooledEce(), r.pooledNll(), r.pooledBrier()),
                r.classEce(), r.classPixels(), r.counts(),
                r.diagram().bins().stream().map(b -> new Bin(b.lower(), b.upper(), b.count(), b.meanConfidence(), b.accuracy(), b.gap()))
                        .toList(),
                t == null ? null : new Temperature(t.temperature(), t.nllBefore(), t.nllAfter(), t.samples(), t.eligiblePixels(),
                        t.iterations(), t.atBound()),
                p == null ? null : new Nacl(p.l1(), p.l2(), p.pixels(), p.kernelSize(), "mean", "class_0"),
                r.perImage().stream().map(im -> new PerImage(im.name(), im.counts().evaluated(), im.ece(), im.cece(), im.nll(), im.brier()))
                        .toList());
        return ProvenanceJson.tree(report).getAsJsonObject();
    }

    /** The report as JSON text. */
    public static String toJson(CalibrationReport r) { return ProvenanceJson.text(toJsonTree(r)); }

    /** Writes the report to {@code file} (UTF-8) through a temporary file renamed on success. */
    public static void write(CalibrationReport r, Path file) { ProvenanceJson.write(toJsonTree(r), file); }
}
