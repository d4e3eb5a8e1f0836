package org.aerolux.calibration;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Locale;
import org.aerolux.core.provenance.ProvenanceJson;

/**
 * A {@link CalibrationReport} as JSON (the {@code before} and {@code after} sections of calibration.json), in the
 * project's one JSON configuration ({@link ProvenanceJson}). Keys are snake_case; values that are undefined (NaN:
 * an empty bin's accuracy, a class never evaluated) are written as null.
 */
public final class CalibrationReportJson {
    /** Version of the layout below; bump on incompatible change. */
    public static final int FORMAT_VERSION = 1;

    private CalibrationReportJson() {}

    /** The report as a JSON tree. */
    public static JsonObject toJsonTree(CalibrationReport r) {
        JsonObject j = new JsonObject();
        j.addProperty("format", "aerolux-calibration");
        j.addProperty("format_version", FORMAT_VERSION);
        CalibrationOptions o = r.options();
        j.addProperty("num_classes", r.numClasses());
        j.addProperty("bins", o.bins());
        j.addProperty("foreground_only", o.foregroundOnly());
        j.addProperty("background_class", o.backgroundClass());
        j.addProperty("ignore_label", o.ignoreLabel());
        j.addProperty("cece_classes", o.ceceClasses().name().toLowerCase(Locale.ROOT));
        j.addProperty("averaging", "per_image_mean");
        j.addProperty("images", r.images());
        j.addProperty("images_without_pixels", r.imagesWithoutPixels());
        j.add("ece", num(r.ece()));
        j.add("cece", num(r.cece()));
        j.add("nll", num(r.nll()));
        j.add("brier", num(r.brier()));
        JsonObject pooled = new JsonObject();
        pooled.add("ece", num(r.pooledEce()));
        pooled.add("nll", num(r.pooledNll()));
        pooled.add("brier", num(r.pooledBrier()));
        j.add("pooled", pooled);
        JsonArray classEce = new JsonArray();
        for (double v : r.classEce()) classEce.add(num(v));
        j.add("class_ece", classEce);
        JsonArray classPixels = new JsonArray();
        for (long v : r.classPixels()) classPixels.add(v);
        j.add("class_pixels", classPixels);
        PixelCounts c = r.counts();
        JsonObject pixels = new JsonObject();
        pixels.addProperty("seen", c.seen());
        pixels.addProperty("evaluated", c.evaluated());
        pixels.addProperty("invalid", c.invalid());
        pixels.addProperty("ignored", c.ignored());
        pixels.addProperty("background", c.background());
        pixels.addProperty("non_finite", c.nonFinite());
        j.add("pixels", pixels);
        JsonArray reliability = new JsonArray();
        for (ReliabilityBin b : r.diagram().bins()) {
            JsonObject bin = new JsonObject();
            bin.add("lower", num(b.lower()));
            bin.add("upper", num(b.upper()));
            bin.addProperty("count", b.count());
            bin.add("mean_confidence", num(b.meanConfidence()));
            bin.add("accuracy", num(b.accuracy()));
            bin.add("gap", num(b.gap()));
            reliability.add(bin);
        }
        j.add("reliability", reliability);
        TemperatureFit t = r.temperature();
        if (t == null) j.add("temperature", JsonNull.INSTANCE);
        else {
            JsonObject temp = new JsonObject();
            temp.add("value", num(t.temperature()));
            temp.add("nll_before", num(t.nllBefore()));
            temp.add("nll_after", num(t.nllAfter()));
            temp.addProperty("samples", t.samples());
            temp.addProperty("eligible_pixels", t.eligiblePixels());
            temp.addProperty("iterations", t.iterations());
            temp.addProperty("at_bound", t.atBound());
            j.add("temperature", temp);
        }
        NaclPenalty p = r.naclPenalty();
        if (p == null) j.add("nacl_penalty", JsonNull.INSTANCE);
        else {
            JsonObject nacl = new JsonObject();
            nacl.add("l1", num(p.l1()));
            nacl.add("l2", num(p.l2()));
            nacl.addProperty("pixels", p.pixels());
            nacl.addProperty("kernel_size", p.kernelSize());
            nacl.addProperty("kernel", "mean");
            nacl.addProperty("padding", "class_0");
            j.add("nacl_penalty", nacl);
        }
        JsonArray perImage = new JsonArray();
        for (ImageCalibration im : r.perImage()) {
            JsonObject e = new JsonObject();
            e.addProperty("name", im.name());
            e.addProperty("pixels", im.counts().evaluated());
            e.add("ece", num(im.ece()));
            e.add("cece", num(im.cece()));
            e.add("nll", num(im.nll()));
            e.add("brier", num(im.brier()));
            perImage.add(e);
        }
        j.add("per_image", perImage);
        return j;
    }

    /** The report as JSON text. */
    public static String toJson(CalibrationReport r) { return ProvenanceJson.text(toJsonTree(r)); }

    /** Writes the report to {@code file} (UTF-8) through a temporary file renamed on success. */
    public static void write(CalibrationReport r, Path file) { ProvenanceJson.write(toJsonTree(r), file); }

    private static JsonElement num(double v) { return ProvenanceJson.number(v); }
}
