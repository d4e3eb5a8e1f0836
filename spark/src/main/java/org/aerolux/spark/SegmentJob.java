package org.aerolux.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalInt;
import org.aerolux.core.UsageException;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.tile.Blender;
import org.aerolux.segmentation.Resample;
import org.aerolux.segmentation.SegmentationOptions;
import org.aerolux.segmentation.SegmentationOutput;
import org.aerolux.segmentation.Temperature;

/**
 * A segmentation job as the driver sends it to the executors: the options of {@code aerolux segment} as the user
 * typed them (plain strings and numbers, so the record is serialisable and comparable) and the output folder.
 * Each executor turns them into the same {@link SegmentationOptions} the CLI builds.
 */
public record SegmentJob(Settings settings, String outputDir) implements Serializable {
    /**
     * What makes a segmenter: the model reference and every option of the run. The key of the executors' model
     * cache ({@link ExecutorModels#SEGMENTERS}).
     *
     * @param bands   "3,2,1" or null for the default
     * @param tile    null for the model card's
     * @param overlap null for the default
     */
    public record Settings(String model, String bands, Integer tile, Integer overlap, String blend, int batch, String device,
                           int threads, String temperature, String outputs, boolean overwrite, String resample,
                           Double inputResolution) implements Serializable {
        /** Resample auto, no input resolution (the defaults of {@code aerolux segment}). */
        public Settings(String model, String bands, Integer tile, Integer overlap, String blend, int batch, String device,
                        int threads, String temperature, String outputs, boolean overwrite) {
            this(model, bands, tile, overlap, blend, batch, device, threads, temperature, outputs, overwrite, "auto", null);
        }
    }

    /** The options of the CLI, built and checked as {@code aerolux segment} does. */
    public SegmentationOptions options() {
        Settings k = settings;
        return SegmentationOptions.builder().model(k.model()).bands(bandList(k.bands()))
                .tile(k.tile() == null ? OptionalInt.empty() : OptionalInt.of(k.tile()))
                .overlap(k.overlap() == null ? OptionalInt.empty() : OptionalInt.of(k.overlap()))
                .blend(Blender.parse(k.blend())).batch(k.batch()).device(DeviceRequest.parse(k.device())).threads(k.threads())
                .temperature(Temperature.parse(k.temperature())).outputs(SegmentationOutput.parseList(k.outputs())).overwrite(k.overwrite())
                .resample(Resample.parse(k.resample())).inputResolution(k.inputResolution()).build();
    }

    /** The output folder. */
    public Path output() { return Path.of(outputDir); }

    /** Parses "3,2,1" into 1-based band numbers (null stays null), with the CLI's message. */
    static int[] bandList(String bands) {
        if (bands == null) return null;
        try {
            int[] b = Arrays.stream(bands.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            if (b.length == 0) throw new NumberFormatException();
            return b;
        } catch (NumberFormatException e) {
            throw new UsageException(null, "--bands must be comma-separated band numbers such as 3,2,1, got '" + bands + "'");
        }
    }
}
