package org.aerolux.spark;

import com.google.gson.JsonElement;
import java.nio.file.Path;
import java.util.Map;
import org.aerolux.core.model.RegistryLocation;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.segmentation.FileSegmentation;
import org.aerolux.segmentation.Segmenter;

/**
 * The Spark task of one scene: {@link FileSegmentation#segment} with the executor's cached segmenter, exactly
 * what {@code aerolux segment} runs for that file (same outputs, resume rule and atomic renames), plus the
 * executor in the provenance.
 */
public final class SegmentScene extends SceneTask<Segmenter> {
    private static final long serialVersionUID = 1L;
    private final SegmentJob job;

    public SegmentScene(SegmentJob job) {
        super(job.settings());
        this.job = job;
    }

    @Override
    ModelPool<JobArgs, Segmenter> pool() { return ExecutorModels.SEGMENTERS; }

    @Override
    Segmenter load() { return Segmenter.open(job.options(), RegistryLocation.load(SegmentScene.class)); }

    @Override
    boolean isDone(Path input) { return false; } // FileSegmentation skips it, with the segmenter's outputs

    @Override
    SceneOutcome run(String file, Segmenter segmenter, ExecutorIdentity where, long t0) {
        Path input = Path.of(file);
        FileSegmentation files = new FileSegmentation(segmenter, job.output())
                .withProvenanceFields(Map.<String, JsonElement>of("executor", where.toJson()));
        FileSegmentation.FileResult r = files.segment(input, FailureInjection.listener(input, where.attempt(), job.output()), new Cancellation());
        if (r.skipped()) return SceneOutcomes.skipped(file, where, t0);
        var info = r.result().pipeline();
        var resolution = r.result().resolution();
        // the input's pixels (the pipeline's layout is the model grid when the run was resampled)
        long pixels = resolution.grid().map(g -> (long) g.inputWidth() * g.inputHeight())
                .orElse(info.layout().width() * info.layout().height());
        return SceneOutcomes.done(file, where, pixels, t0,
                resolution.summary() + ": " + String.join(", ", r.outputs().values().stream().map(p -> p.getFileName().toString()).toList())
                        + ", " + r.provenance().getFileName());
    }
}
