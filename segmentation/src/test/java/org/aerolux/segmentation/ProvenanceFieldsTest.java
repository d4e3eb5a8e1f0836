package org.aerolux.segmentation;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.model.ModelRegistry;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.core.pipeline.ProgressListener;
import org.aerolux.core.raster.Affine;
import org.aerolux.core.raster.DataType;
import org.aerolux.core.raster.GeoTiffSink;
import org.aerolux.core.raster.Georeference;
import org.aerolux.core.raster.Rasters;
import org.aerolux.core.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provenance hook of {@link FileSegmentation}: extra top-level fields after the standard ones, never replacing one. */
class ProvenanceFieldsTest {
    @TempDir
    Path tmp;

    @Test
    void extraFieldsComeAfterTheStandardOnesAndTheOutputsAreUnchanged() throws Exception {
        Path in = tmp.resolve("scene.tif");
        try (GeoTiffSink s = GeoTiffSink.builder(in, 40, 30, 3, DataType.UINT8)
                .georeference(Georeference.of(Rasters.crs(32633), new Affine(500000, 0.3, 0, 4000000, 0, -0.3))).build()) {
            TestImages.stream(s, 40, 30, 3, 16, (x, y, b) -> (x * 7 + y * 13 + b * 101) % 256);
            s.commit();
        }
        Path model = SegTestModels.dominant(tmp);
        SegmentationOptions options = SegmentationOptions.builder().model(model.toString()).device(DeviceRequest.CPU).threads(1).build();
        JsonObject executor = new JsonObject();
        executor.addProperty("id", "7");
        try (Segmenter segmenter = Segmenter.open(options, ModelRegistry.empty())) {
            Files.createDirectories(tmp.resolve("plain"));
            Files.createDirectories(tmp.resolve("marked"));
            new FileSegmentation(segmenter, tmp.resolve("plain")).segment(in, ProgressListener.NONE, new Cancellation());
            FileSegmentation marked = new FileSegmentation(segmenter, tmp.resolve("marked")).withProvenanceFields(Map.of("executor", executor));
            marked.segment(in, ProgressListener.NONE, new Cancellation());
        }
        JsonObject plain = read(tmp.resolve("plain/scene_aerolux.json")), withField = read(tmp.resolve("marked/scene_aerolux.json"));
        assertFalse(plain.has("executor"));
        assertEquals(new JsonPrimitive("7"), withField.getAsJsonObject("executor").get("id"));
        List<String> keys = new ArrayList<>(withField.keySet());
        assertEquals(Provenance.STANDARD_FIELDS, keys.subList(0, keys.size() - 1), "standard fields first, in their order");
        assertEquals("executor", keys.get(keys.size() - 1));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("plain/scene_labels.tif")), Files.readAllBytes(tmp.resolve("marked/scene_labels.tif")));
    }

    @Test
    void aFieldMayNotReplaceAStandardOne() {
        Path model = SegTestModels.dominant(tmp);
        SegmentationOptions options = SegmentationOptions.builder().model(model.toString()).device(DeviceRequest.CPU).threads(1).build();
        try (Segmenter segmenter = Segmenter.open(options, ModelRegistry.empty())) {
            FileSegmentation files = new FileSegmentation(segmenter, tmp);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> files.withProvenanceFields(Map.of("model", new JsonPrimitive("x"))));
            assertTrue(e.getMessage().contains("'model'"), e.getMessage());
        }
    }

    private static JsonObject read(Path p) throws Exception { return JsonParser.parseString(Files.readString(p)).getAsJsonObject(); }
}
