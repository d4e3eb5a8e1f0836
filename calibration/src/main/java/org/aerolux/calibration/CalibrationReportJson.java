package org.aerolux.calibration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a {@link CalibrationReport} as JSON (calibration.json). Keys are snake_case; values that are undefined
 * (NaN: an empty bin's accuracy, a class never evaluated) are written as null.
 */
public final class CalibrationReportJson {
    /** Version of the layout below; bump on incompatible change. */
    public static final int FORMAT_VERSION = 1;

    private CalibrationReportJson() {}

    /** The report as JSON text. */
    public static String toJson(CalibrationReport r) {
        JsonText j = new JsonText().beginObject();
        j.field("format", "aerolux-calibration").field("format_version", FORMAT_VERSION);
        CalibrationOptions o = r.options();
        j.field("num_classes", r.numClasses()).field("bins", o.bins()).field("foreground_only", o.foregroundOnly())
                .field("background_class", o.backgroundClass()).field("ignore_label", o.ignoreLabel())
                .field("cece_classes", o.ceceClasses().name().toLowerCase(Locale.ROOT));
        j.field("averaging", "per_image_mean");
        j.field("images", r.images()).field("images_without_pixels", r.imagesWithoutPixels());
        j.field("ece", r.ece()).field("cece", r.cece()).field("nll", r.nll()).field("brier", r.brier());
        j.key("pooled").beginObject().field("ece", r.pooledEce()).field("nll", r.pooledNll())
                .field("brier", r.pooledBrier()).endObject();
        j.key("class_ece").beginArray();
        for (double v : r.classEce()) j.value(v);
        j.endArray();
        j.key("class_pixels").beginArray();
        for (long v : r.classPixels()) j.value(v);
        j.endArray();
        PixelCounts c = r.counts();
        j.key("pixels").beginObject().field("seen", c.seen()).field("evaluated", c.evaluated())
                .field("invalid", c.invalid()).field("ignored", c.ignored()).field("background", c.background())
                .field("non_finite", c.nonFinite()).endObject();
        j.key("reliability").beginArray();
        for (ReliabilityBin b : r.diagram().bins())
            j.beginObject().field("lower", b.lower()).field("upper", b.upper()).field("count", b.count())
                    .field("mean_confidence", b.meanConfidence()).field("accuracy", b.accuracy())
                    .field("gap", b.gap()).endObject();
        j.endArray();
        TemperatureFit t = r.temperature();
        j.key("temperature");
        if (t == null) j.nullValue();
        else j.beginObject().field("value", t.temperature()).field("nll_before", t.nllBefore())
                .field("nll_after", t.nllAfter()).field("samples", t.samples()).field("eligible_pixels", t.eligiblePixels())
                .field("iterations", t.iterations()).field("at_bound", t.atBound()).endObject();
        NaclPenalty p = r.naclPenalty();
        j.key("nacl_penalty");
        if (p == null) j.nullValue();
        else j.beginObject().field("l1", p.l1()).field("l2", p.l2()).field("pixels", p.pixels())
                .field("kernel_size", p.kernelSize()).field("kernel", "mean").field("padding", "class_0").endObject();
        j.key("per_image").beginArray();
        for (ImageCalibration im : r.perImage())
            j.beginObject().field("name", im.name()).field("pixels", im.counts().evaluated()).field("ece", im.ece())
                    .field("cece", im.cece()).field("nll", im.nll()).field("brier", im.brier()).endObject();
        j.endArray();
        return j.endObject().toString() + "\n";
    }

    /** Writes the report to {@code file} (UTF-8) through a temporary file renamed on success. */
    public static void write(CalibrationReport r, Path file) throws IOException {
        byte[] bytes = toJson(r).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
