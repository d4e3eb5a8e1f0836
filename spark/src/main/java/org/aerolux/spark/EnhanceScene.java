package org.aerolux.spark;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aerolux.core.AeroLuxException;
import org.aerolux.core.io.AtomicOutput;
import org.aerolux.core.model.RegistryLocation;
import org.aerolux.enhancement.EnhancedOutputs;
import org.aerolux.enhancement.EnhancementProvenance;
import org.aerolux.enhancement.EnhancementResult;
import org.aerolux.enhancement.Enhancer;
import org.aerolux.enhancement.SideBySide;
import org.apache.spark.api.java.function.Function;

/**
 * The Spark task of one scene for enhancement: {@link Enhancer#enhanceFile} with the executor's cached enhancer,
 * then the provenance of {@link EnhancementProvenance} with the command line and the executor, written last and
 * atomically, as {@code aerolux enhance} does. Skips a scene whose enhanced image and provenance exist unless
 * --overwrite. A bad input, model or option is reported back, not retried; any other failure propagates so that
 * Spark retries the task.
 */
public final class EnhanceScene implements Function<String, SceneOutcome> {
    private static final long serialVersionUID = 1L;
    private final EnhanceJob job;

    public EnhanceScene(EnhanceJob job) { this.job = job; }

    @Override
    public SceneOutcome call(String file) {
        long t0 = System.nanoTime();
        Path in = Path.of(file), dir = job.output();
        ExecutorIdentity where = ExecutorIdentity.current();
        Path enhanced = EnhancedOutputs.enhanced(in, dir), provenance = EnhancedOutputs.provenance(in, dir);
        if (!job.settings().overwrite() && Files.exists(enhanced) && Files.exists(provenance)) return SceneOutcomes.skipped(file, where, t0);
        Enhancer enhancer;
        try {
            enhancer = ExecutorModels.ENHANCERS.borrow(job.settings(), () -> job.builder(RegistryLocation.load(EnhanceScene.class)).build());
        } catch (AeroLuxException e) {
            return SceneOutcomes.failed(file, e, where, t0);
        }
        try {
            EnhancementResult r = enhancer.enhanceFile(in, enhanced);
            Map<String, Path> outputs = new LinkedHashMap<>();
            outputs.put("enhanced", enhanced);
            if (job.settings().sideBySide()) {
                Path pair = EnhancedOutputs.beforeAfter(in, dir);
                SideBySide.write(in, enhanced, r.bands(), r.range(), pair);
                outputs.put("before_after", pair);
            }
            outputs.put("provenance", provenance);
            JsonObject json = EnhancementProvenance.of(enhancer, r, in, outputs, null);
            JsonObject command = new JsonObject();
            command.addProperty("line", job.commandLine());
            command.addProperty("working_directory", job.workingDirectory());
            json.add("command", command);
            json.add("executor", where.toJson());
            write(json, provenance);
            return SceneOutcomes.done(file, where, (long) r.input().width() * r.input().height(), t0,
                    enhanced.getFileName() + ", " + provenance.getFileName());
        } catch (AeroLuxException e) {
            return SceneOutcomes.failed(file, e, where, t0);
        } catch (OutOfMemoryError e) {
            // reported (exit code 6), not left to Spark, which would end the executor's JVM on an OutOfMemoryError
            return SceneOutcomes.failed(file, org.aerolux.core.HeapMemoryException.of(Path.of(file), "enhancing " + in.getFileName(), e), where, t0);
        } finally {
            ExecutorModels.ENHANCERS.release(job.settings(), enhancer);
        }
    }

    /** The same JSON layout as {@code aerolux enhance} writes. */
    private static void write(JsonObject json, Path target) {
        AtomicOutput.write(target, os -> {
            Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().serializeSpecialFloatingPointValues().create()
                    .toJson(json, w);
            w.write("\n");
            w.flush();
        });
    }
}
