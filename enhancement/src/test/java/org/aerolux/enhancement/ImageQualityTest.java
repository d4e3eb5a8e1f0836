package org.aerolux.enhancement;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * PSNR and SSIM against scikit-image's values on seeded pairs (metrics/metric_fixtures.json, written by
 * metrics/make_metric_fixtures.py with skimage 0.19 from Debian), plus hand-checkable cases.
 */
class ImageQualityTest {
    @Test
    void matchesScikitImage() throws Exception {
        JsonObject root;
        try (var in = getClass().getResourceAsStream("/metrics/metric_fixtures.json")) {
            root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
        int cases = 0;
        for (JsonElement e : root.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            String name = c.get("name").getAsString();
            int w = c.get("width").getAsInt(), h = c.get("height").getAsInt();
            double range = c.get("data_range").getAsDouble();
            float[][] ref = planes(c.getAsJsonArray("reference")), test = planes(c.getAsJsonArray("test"));
            double ssim = ImageQuality.ssim(ref, test, w, h, range);
            assertEquals(c.get("ssim").getAsDouble(), ssim, 1e-9, name + " SSIM");
            double psnr = ImageQuality.psnr(ref, test, range);
            if (c.get("psnr").isJsonNull()) assertEquals(Double.POSITIVE_INFINITY, psnr, name);
            else assertEquals(c.get("psnr").getAsDouble(), psnr, 1e-9, name + " PSNR");
            cases++;
        }
        assertEquals(5, cases);
    }

    @Test
    void handComputedValues() {
        // a constant offset of 0.1 on a [0, 1] scale: MSE 0.01, PSNR 20 dB exactly
        float[][] a = {new float[144]}, b = {new float[144]};
        for (int i = 0; i < 144; i++) {
            a[0][i] = 0.25f;
            b[0][i] = 0.25f + 0.1f;
        }
        assertEquals(20.0, ImageQuality.psnr(a, b, 1.0), 1e-5);
        // flat images: variances are 0, SSIM = (2 mu_x mu_y + C1) / (mu_x^2 + mu_y^2 + C1) everywhere
        double c1 = 0.01 * 0.01, mx = 0.25, my = 0.25f + 0.1f;
        assertEquals((2 * mx * my + c1) / (mx * mx + my * my + c1), ImageQuality.ssim(a, b, 12, 12, 1.0), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> ImageQuality.ssim(a, b, 16, 9, 1.0));
    }

    private static float[][] planes(JsonArray a) {
        float[][] out = new float[a.size()][];
        for (int c = 0; c < a.size(); c++) {
            JsonArray p = a.get(c).getAsJsonArray();
            out[c] = new float[p.size()];
            for (int i = 0; i < p.size(); i++) out[c][i] = p.get(i).getAsFloat();
        }
        return out;
    }
}
