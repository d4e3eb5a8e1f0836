package org.aerolux.spark;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aerolux.core.model.RegistryLocation;
import org.aerolux.core.pipeline.Cancellation;
import org.aerolux.enhancement.EnhancementListener;
import org.aerolux.enhancement.Enhancer;
import org.aerolux.enhancement.FileEnhancement;

/**
 * The Spark task of one scene for enhancement: {@link FileEnhancement#enhance} with the executor's cached
 * enhancer, exactly what {@code aerolux enhance} runs for that file (same outputs, resume rule and atomic
 * renames), plus the driver's command line and the executor in the provenance.
 */
public final class EnhanceScene extends SceneTask<Enhancer> {
    private static final long serialVersionUID = 1L;
    private final EnhanceJob job;

    public EnhanceScene(EnhanceJob job) {
        super(job.settings());
        this.job = job;
    }

    @Override
    ModelPool<JobArgs, Enhancer> pool() { return ExecutorModels.ENHANCERS; }

    @Override
    Enhancer load() { return Enhancer.open(job.options(), RegistryLocation.load(EnhanceScene.class)); }

    @Override
    boolean isDone(Path input) { return !job.options().overwrite() && FileEnhancement.isDone(input, job.output()); }

    @Override
    SceneOutcome run(String file, Enhancer enhancer, ExecutorIdentity where, long t0) {
        Path input = Path.of(file);
        JsonObject invocation = new JsonObject();
        invocation.addProperty("line", job.commandLine());
        invocation.addProperty("working_directory", job.workingDirectory());
        Map<String, JsonObject> fields = new LinkedHashMap<>();
        fields.put("invocation", invocation);
        fields.put("executor", where.toJson());
        FileEnhancement.FileResult r = new FileEnhancement(enhancer, job.output()).withProvenanceFields(fields)
                .enhance(input, EnhancementListener.NONE, new Cancellation());
        if (r.skipped()) return SceneOutcomes.skipped(file, where, t0);
        return SceneOutcomes.done(file, where, (long) r.result().input().width() * r.result().input().height(), t0,
                r.enhanced().getFileName() + ", " + r.outputs().get("provenance").getFileName());
    }
}
