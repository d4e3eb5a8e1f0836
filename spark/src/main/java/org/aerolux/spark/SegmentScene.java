package org.aerolux.spark;

import com.google.gson.JsonElement;
import java.nio.file.Path;
import java.util.Map;
import org.aerolux.core.AeroLuxException;
import org.aerolux.core.model.RegistryLocation;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.segmentation.FileSegmentation;
import org.aerolux.segmentation.Segmenter;
import org.apache.spark.api.java.function.Function;

/**
 * The Spark task of one scene: {@link FileSegmentation#segment} with the executor's cached segmenter, exactly
 * what {@code aerolux segment} runs for that file (same outputs, resume rule and atomic renames), plus the
 * executor in the provenance. A bad input, model or option ({@link AeroLuxException}) is reported back, not
 * retried; any other failure propagates so that Spark retries the task.
 */
public final class SegmentScene implements Function<String, SceneOutcome> {
    private static final long serialVersionUID = 1L;
    private final SegmentJob job;

    public SegmentScene(SegmentJob job) { this.job = job; }

    @Override
    public SceneOutcome call(String file) {
        long t0 = System.nanoTime();
        Path input = Path.of(file);
        ExecutorIdentity where = ExecutorIdentity.current();
        Segmenter segmenter;
        try {
            segmenter = ExecutorModels.SEGMENTERS.borrow(job.settings(),
                    () -> Segmenter.open(job.options(), RegistryLocation.load(SegmentScene.class)));
        } catch (AeroLuxException e) {
            return SceneOutcomes.failed(file, e, where, t0);
        }
        try {
            FileSegmentation files = new FileSegmentation(segmenter, job.output())
                    .withProvenanceFields(Map.<String, JsonElement>of("executor", where.toJson()));
            FileSegmentation.FileResult r = files.segment(input, FailureInjection.listener(input, where.attempt(), job.output()), new Cancellation());
            if (r.skipped()) return SceneOutcomes.skipped(file, where, t0);
            var info = r.result().pipeline();
            return SceneOutcomes.done(file, where, info.layout().width() * info.layout().height(), t0,
                    String.join(", ", r.outputs().values().stream().map(p -> p.getFileName().toString()).toList()) + ", "
                            + r.provenance().getFileName());
        } catch (AeroLuxException e) {
            return SceneOutcomes.failed(file, e, where, t0);
        } catch (OutOfMemoryError e) {
            // reported (exit code 6), not left to Spark, which would end the executor's JVM on an OutOfMemoryError
            return SceneOutcomes.failed(file, org.aerolux.core.HeapMemoryException.of(Path.of(file), "segmenting " + input.getFileName(), e), where, t0);
        } finally {
            ExecutorModels.SEGMENTERS.release(job.settings(), segmenter);
        }
    }
}
