package org.aerolux.segmentation;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.aerolux.calibration.CalibrationReport;
import org.aerolux.calibration.CalibrationReportJson;
import org.aerolux.calibration.ReliabilityDiagramPlot;
import org.aerolux.calibration.TemperatureFit;
import org.aerolux.core.io.AtomicOutput;

/**
 * The files of {@code aerolux calibrate}: {@code calibration.json} (the model, the inputs, the options, a
 * before/after summary, and the calibration module's full report at both temperatures) and
 * {@code reliability.png} (the reliability diagrams before and after temperature scaling, side by side). Both are
 * written atomically.
 */
public final class CalibrationOutputs {
    public static final String JSON = "calibration.json";
    public static final String PNG = "reliability.png";
    /** Version of the calibration.json layout. */
    public static final int FORMAT_VERSION = 1;

    private CalibrationOutputs() {}

    /** The calibration.json document. */
    public static JsonObject json(Segmenter s, Path image, Path labels, LabelledCalibration.Result r) {
        JsonObject o = new JsonObject();
        o.addProperty("format", "aerolux-calibrate");
        o.addProperty("format_version", FORMAT_VERSION);
        o.add("model", Provenance.model(s));
        o.addProperty("image", image.toAbsolutePath().normalize().toString());
        o.addProperty("labels", labels.toAbsolutePath().normalize().toString());
        JsonObject p = Provenance.parameters(s, r.before().run());
        p.remove("outputs");
        p.remove("overwrite");
        p.remove("temperature");
        CalibrationReport before = r.before().report();
        p.addProperty("bins", before.options().bins());
        p.addProperty("foreground_only", before.options().foregroundOnly());
        p.addProperty("ignore_label", before.options().ignoreLabel());
        o.add("parameters", p);
        o.add("device", Provenance.device(r.before().run().pipeline().device()));
        o.add("versions", Provenance.versions(r.before().run().pipeline().device()));
        JsonObject t = new JsonObject();
        t.addProperty("before", r.before().temperature());
        t.addProperty("fitted", r.fittedTemperature());
        TemperatureFit f = r.fit();
        t.addProperty("fit_relative", f.temperature());
        t.add("sample_nll_before", num(f.nllBefore()));
        t.add("sample_nll_after", num(f.nllAfter()));
        t.addProperty("sample_pixels", f.samples());
        t.addProperty("labelled_pixels", f.eligiblePixels());
        t.addProperty("at_bound", f.atBound());
        t.addProperty("method", "minimise the NLL of softmax(log p / T') over a uniform sample of labelled pixels; fitted = before x T'");
        o.add("temperature", t);
        CalibrationReport after = r.after().report();
        JsonObject summary = new JsonObject();
        summary.add("ece_before", num(before.ece()));
        summary.add("ece_after", num(after.ece()));
        summary.add("cece_before", num(before.cece()));
        summary.add("cece_after", num(after.cece()));
        summary.add("nll_before", num(before.nll()));
        summary.add("nll_after", num(after.nll()));
        summary.add("brier_before", num(before.brier()));
        summary.add("brier_after", num(after.brier()));
        summary.addProperty("evaluated_pixels", before.counts().evaluated());
        o.add("summary", summary);
        o.add("before", JsonParser.parseString(CalibrationReportJson.toJson(before)));
        o.add("after", JsonParser.parseString(CalibrationReportJson.toJson(after)));
        JsonObject timing = new JsonObject();
        timing.addProperty("model_load", s.loadTime().toMillis() / 1000.0);
        timing.addProperty("both_passes", r.elapsed().toMillis() / 1000.0);
        o.add("timings_s", timing);
        return o;
    }

    /** Writes calibration.json and reliability.png into {@code dir}; returns their paths. */
    public static Path[] write(Segmenter s, Path image, Path labels, LabelledCalibration.Result r, Path dir) {
        Path json = dir.resolve(JSON), png = dir.resolve(PNG);
        byte[] text = (new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create()
                .toJson(json(s, image, labels, r)) + "\n").getBytes(StandardCharsets.UTF_8);
        BufferedImage plot = plot(s.model().card().name(), r);
        AtomicOutput.write(png, out -> {
            if (!ImageIO.write(plot, "png", out)) throw new java.io.IOException("no PNG writer");
        });
        AtomicOutput.write(json, out -> out.write(text));
        return new Path[] {json, png};
    }

    /** The two reliability diagrams, before and after temperature scaling, side by side. */
    public static BufferedImage plot(String model, LabelledCalibration.Result r) {
        BufferedImage a = ReliabilityDiagramPlot.render(r.before().report().diagram(),
                String.format(Locale.ROOT, "%s, T = %.3g (before)", model, r.before().temperature()));
        BufferedImage b = ReliabilityDiagramPlot.render(r.after().report().diagram(),
                String.format(Locale.ROOT, "%s, T = %.3g (fitted)", model, r.after().temperature()));
        BufferedImage out = new BufferedImage(a.getWidth() + b.getWidth(), Math.max(a.getHeight(), b.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(a, 0, 0, null);
        g.drawImage(b, a.getWidth(), 0, null);
        g.dispose();
        return out;
    }

    private static JsonElement num(double v) { return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE; }
}
