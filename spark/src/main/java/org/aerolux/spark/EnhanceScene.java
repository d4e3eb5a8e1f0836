package org.aerolux.spark;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aerolux.core.AeroLuxException;
import org.aerolux.core.model.RegistryLocation;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.enhancement.EnhancementListener;
import org.aerolux.enhancement.EnhancementOptions;
import org.aerolux.enhancement.Enhancer;
import org.aerolux.enhancement.FileEnhancement;
import org.apache.spark.api.java.function.Function;

/**
 * The Spark task of one scene for enhancement: {@link FileEnhancement#enhance} with the executor's cached
 * enhancer, exactly what {@code aerolux enhance} runs for that file (same outputs, resume rule and atomic
 * renames), plus the driver's command line and the executor in the provenance. A bad input, model or option is
 * reported back, not retried; any other failure propagates so that Spark retries the task.
 */
public final class EnhanceScene implements Function<String, SceneOutcome> {
    private static final long serialVersionUID = 1L;
    private final EnhanceJob job;

    public EnhanceScene(EnhanceJob job) { this.job = job; }

    @Override
    public SceneOutcome call(String file) {
        long t0 = System.nanoTime();
        Path in = Path.of(file);
        ExecutorIdentity where = ExecutorIdentity.current();
        Enhancer enhancer;
        try {
            EnhancementOptions options = job.options();
            if (!options.overwrite() && FileEnhancement.isDone(in, job.output())) return SceneOutcomes.skipped(file, where, t0);
            enhancer = ExecutorModels.ENHANCERS.borrow(job.settings(), () -> Enhancer.open(options, RegistryLocation.load(EnhanceScene.class)));
        } catch (AeroLuxException e) {
            return SceneOutcomes.failed(file, e, where, t0);
        }
        try {
            JsonObject invocation = new JsonObject();
            invocation.addProperty("line", job.commandLine());
            invocation.addProperty("working_directory", job.workingDirectory());
            Map<String, JsonObject> fields = new LinkedHashMap<>();
            fields.put("invocation", invocation);
            fields.put("executor", where.toJson());
            FileEnhancement.FileResult r = new FileEnhancement(enhancer, job.output()).withProvenanceFields(fields)
                    .enhance(in, EnhancementListener.NONE, new Cancellation());
            if (r.skipped()) return SceneOutcomes.skipped(file, where, t0);
            return SceneOutcomes.done(file, where, (long) r.result().input().width() * r.result().input().height(), t0,
                    r.enhanced().getFileName() + ", " + r.outputs().get("provenance").getFileName());
        } catch (AeroLuxException e) {
            return SceneOutcomes.failed(file, e, where, t0);
        } finally {
            ExecutorModels.ENHANCERS.release(job.settings(), enhancer);
        }
    }
}
