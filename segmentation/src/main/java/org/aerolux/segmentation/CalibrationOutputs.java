package org.aerolux.segmentation;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.aerolux.calibration.CalibrationReport;
import org.aerolux.calibration.CalibrationReportJson;
import org.aerolux.calibration.ReliabilityDiagramPlot;
import org.aerolux.calibration.TemperatureFit;
import org.aerolux.core.io.AtomicOutput;
import org.aerolux.core.model.DeviceReport;
import org.aerolux.core.provenance.DeviceInfo;
import org.aerolux.core.provenance.InputInfo;
import org.aerolux.core.provenance.ProvenanceJson;
import org.aerolux.core.provenance.ProvenanceRecord;
import org.aerolux.core.provenance.Versions;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.core.raster.Rasters;

/**
 * The files of {@code aerolux calibrate}: {@code calibration.json}, a provenance record in the common schema
 * ({@link ProvenanceRecord}, command {@code calibrate}: the image as input, the model, the options, device,
 * versions, timings) with the calibration's own sections (the labels, the fitted temperature, a before/after
 * summary, and the calibration module's full report at both temperatures), and {@code reliability.png} (the
 * reliability diagrams before and after temperature scaling, side by side). Both are written atomically.
 */
public final class CalibrationOutputs {
    public static final String JSON = "calibration.json";
    public static final String PNG = "reliability.png";
    /** Version of the calibration.json layout (the common provenance one). */
    public static final int FORMAT_VERSION = ProvenanceRecord.FORMAT_VERSION;

    private CalibrationOutputs() {}

    /** The temperature section of calibration.json. */
    record TemperatureSection(double before, double fitted, double fitRelative, double sampleNllBefore, double sampleNllAfter,
                              int samplePixels, long labelledPixels, boolean atBound, String method) {}

    /** The before/after summary of calibration.json. */
    record Summary(double eceBefore, double eceAfter, double ceceBefore, double ceceAfter, double nllBefore, double nllAfter,
                   double brierBefore, double brierAfter, long evaluatedPixels) {}

    /** The calibration.json document. */
    public static JsonObject json(Segmenter s, Path image, Path labels, LabelledCalibration.Result r) {
        JsonObject p = Provenance.parameters(s, r.before().run());
        p.remove("outputs");
        p.remove("overwrite");
        p.remove("temperature");
        CalibrationReport before = r.before().report();
        p.addProperty("bins", before.options().bins());
        p.addProperty("foreground_only", before.options().foregroundOnly());
        p.addProperty("ignore_label", before.options().ignoreLabel());
        Map<String, JsonElement> sections = new LinkedHashMap<>();
        sections.put("labels", new JsonPrimitive(labels.toAbsolutePath().normalize().toString()));
        TemperatureFit f = r.fit();
        CalibrationReport after = r.after().report();
        sections.put("temperature", ProvenanceJson.tree(new TemperatureSection(r.before().temperature(), r.fittedTemperature(),
                f.temperature(), f.nllBefore(), f.nllAfter(), f.samples(), f.eligiblePixels(), f.atBound(),
                "minimise the NLL of softmax(log p / T') over a uniform sample of labelled pixels; fitted = before x T'")));
        sections.put("summary", ProvenanceJson.tree(new Summary(before.ece(), after.ece(), before.cece(), after.cece(), before.nll(),
                after.nll(), before.brier(), after.brier(), before.counts().evaluated())));
        sections.put("before", CalibrationReportJson.toJsonTree(before));
        sections.put("after", CalibrationReportJson.toJsonTree(after));
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("model_load", ProvenanceJson.seconds(s.loadTime()));
        timings.put("both_passes", ProvenanceJson.seconds(r.elapsed()));
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("calibration", JSON);
        outputs.put("reliability", PNG);
        DeviceReport d = r.before().run().pipeline().device();
        RasterInfo info;
        try (RasterSource src = Rasters.open(image)) {
            info = src.info();
        }
        // the two passes ran just before this record is made
        return ProvenanceRecord.of("calibrate", Instant.now().minus(r.elapsed()), InputInfo.of(image, info), outputs, Provenance.model(s), p,
                DeviceInfo.of(d), Versions.of(d), timings, sections).toJson();
    }

    /** Writes calibration.json and reliability.png into {@code dir}; returns their paths. */
    public static Path[] write(Segmenter s, Path image, Path labels, LabelledCalibration.Result r, Path dir) {
        Path json = dir.resolve(JSON), png = dir.resolve(PNG);
        JsonObject record = json(s, image, labels, r);
        BufferedImage plot = plot(s.model().card().name(), r);
        AtomicOutput.write(png, out -> {
            if (!ImageIO.write(plot, "png", out)) throw new java.io.IOException("no PNG writer");
        });
        ProvenanceJson.write(record, json);
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

}
