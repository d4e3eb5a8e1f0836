package org.aerolux.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import net.imglib2.Interval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import org.aerolux.core.image.ImgRasterSource;
import org.aerolux.core.inference.InferenceOptions;
import org.aerolux.core.inference.OnnxModelLoader;
import org.aerolux.core.model.Model;
import org.aerolux.core.raster.RasterInfo;
import org.aerolux.core.raster.RasterSource;
import org.aerolux.core.testing.TestModels;
import org.junit.jupiter.api.Test;

/** An {@link Error} in the tile reader's thread (e.g. out of heap memory) ends the run with that error instead of a hang. */
class ReaderErrorTest {
    @Test
    void anErrorWhileReadingEndsTheRun() {
        RasterSource inner = ImgRasterSource.of(ArrayImgs.floats(64, 64, 3));
        RasterSource failing = new RasterSource() {
            @Override
            public RasterInfo info() { return inner.info(); }

            @Override
            public RandomAccessibleInterval<FloatType> read(Interval window, int... bands) { throw new OutOfMemoryError("test: no heap"); }

            @Override
            public void close() {}
        };
        try (Model m = OnnxModelLoader.load(TestModels.identity(), InferenceOptions.cpu(1))) {
            TiledPipeline p = TiledPipeline.builder().source(failing).model(m).build();
            // the run ends with exit code 6's failure, the reader's error as its cause
            org.aerolux.core.HeapMemoryException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> assertThrows(org.aerolux.core.HeapMemoryException.class, () -> p.run(new BlockConsumer() {
                        @Override
                        public void accept(OutputBlock block) {}
                    })));
            assertEquals(org.aerolux.core.ExitCode.OUT_OF_MEMORY, e.exitCode());
            assertEquals("test: no heap", e.getCause().getMessage());
        }
    }
}
