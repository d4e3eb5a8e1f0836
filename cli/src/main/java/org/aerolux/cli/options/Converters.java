package org.aerolux.cli.options;

import org.aerolux.core.AeroLuxException;
import org.aerolux.core.inference.CudaOptions;
import org.aerolux.core.model.BandList;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.tile.Blender;
import org.aerolux.enhancement.EnhancementMode;
import org.aerolux.enhancement.EnhancementOptions;
import org.aerolux.enhancement.MemoryBudget;
import org.aerolux.enhancement.ValueRange;
import org.aerolux.segmentation.SegmentationOptions;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Typed picocli converters of the shared options: each calls the one parser of its value (in core or the method
 * module) and turns its usage error into picocli's, so a bad value is reported as "Invalid value for option
 * '--bands': ..." with exit 2.
 */
public final class Converters {
    private Converters() {}

    /** A parser that may throw the method modules' usage errors. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String text);
    }

    static <T> T convert(Parser<T> parser, String text) {
        try {
            return parser.parse(text);
        } catch (AeroLuxException | IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** {@code --bands 3,2,1}. */
    public static final class Bands implements ITypeConverter<BandList> {
        @Override
        public BandList convert(String v) {
            int[] b = Converters.convert(BandList::parse, v);
            if (b == null) throw new TypeConversionException("bands must be band numbers such as 3,2,1, got '" + v + "'");
            return new BandList(b);
        }
    }

    /** {@code --device auto|cpu|gpu|gpu:N}. */
    public static final class Device implements ITypeConverter<DeviceRequest> {
        @Override
        public DeviceRequest convert(String v) { return Converters.convert(DeviceRequest::parse, v); }
    }

    /** {@code --blend center|cosine|gaussian}. */
    public static final class Blend implements ITypeConverter<Blender> {
        @Override
        public Blender convert(String v) { return Converters.convert(Blender::parse, v); }
    }

    /** Segmentation's {@code --batch auto|N} (auto = 0). */
    public static final class SegmentBatch implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String v) { return Converters.convert(SegmentationOptions::parseBatch, v); }
    }

    /** {@code --gpu-mem-limit 8G} in bytes (0 = no limit). */
    public static final class GpuMemLimit implements ITypeConverter<Long> {
        @Override
        public Long convert(String v) { return Converters.convert(CudaOptions::parseBytes, v); }
    }

    /** {@code --cudnn-search exhaustive|heuristic|default}. */
    public static final class CudnnSearch implements ITypeConverter<CudaOptions.CudnnSearch> {
        @Override
        public CudaOptions.CudnnSearch convert(String v) { return Converters.convert(CudaOptions.CudnnSearch::parse, v); }
    }

    /** Enhancement's {@code --mode auto|whole|tiled}. */
    public static final class Mode implements ITypeConverter<EnhancementMode> {
        @Override
        public EnhancementMode convert(String v) { return Converters.convert(EnhancementMode::parse, v); }
    }

    /** Enhancement's {@code --range MIN,MAX}. */
    public static final class Range implements ITypeConverter<ValueRange> {
        @Override
        public ValueRange convert(String v) { return Converters.convert(ValueRange::parse, v); }
    }

    /** Enhancement's {@code --memory 8g}. */
    public static final class Memory implements ITypeConverter<MemoryBudget> {
        @Override
        public MemoryBudget convert(String v) { return Converters.convert(MemoryBudget::parse, v); }
    }

    /** Enhancement's {@code --gap-probe auto|off|N} (auto = -1, off = 0). */
    public static final class GapProbe implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String v) { return Converters.convert(EnhancementOptions::parseGapProbe, v); }
    }
}
