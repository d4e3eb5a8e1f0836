package org.aerolux.spark;

import java.nio.file.Path;
import org.aerolux.core.AeroLuxException;
import org.apache.spark.api.java.function.Function;

/**
 * The Spark task of one scene, the same for every method: borrow the executor's cached model for the job's
 * options, run the method's file run (the CLI's own), give the model back. A bad input, model or option
 * ({@link AeroLuxException}) is reported back, not retried; any other failure propagates so that Spark retries
 * the task.
 *
 * @param <M> the loaded model of the method (a segmenter, an enhancer)
 */
abstract class SceneTask<M extends AutoCloseable> implements Function<String, SceneOutcome> {
    private static final long serialVersionUID = 1L;

    private final JobArgs key;

    /** @param key the job's options as typed: the key of the executors' model cache */
    SceneTask(JobArgs key) { this.key = key; }

    /** The executors' cache of this method's models (a static one: each executor JVM has its own). */
    abstract ModelPool<JobArgs, M> pool();

    /** Loads a model for the job's options (on a cache miss). */
    abstract M load();

    /** True when the scene's outputs exist and are not to be redone (checked before any model is loaded). */
    abstract boolean isDone(Path input);

    /** The method's file run of one scene. */
    abstract SceneOutcome run(String file, M model, ExecutorIdentity where, long t0);

    @Override
    public final SceneOutcome call(String file) {
        long t0 = System.nanoTime();
        ExecutorIdentity where = ExecutorIdentity.current();
        try {
            if (isDone(Path.of(file))) return SceneOutcomes.skipped(file, where, t0);
            M model = pool().borrow(key, this::load);
            try {
                return run(file, model, where, t0);
            } finally {
                pool().release(key, model);
            }
        } catch (AeroLuxException e) {
            return SceneOutcomes.failed(file, e, where, t0);
        } catch (OutOfMemoryError e) {
            // reported (exit code 6), not left to Spark, which would end the executor's JVM on an OutOfMemoryError
            return SceneOutcomes.failed(file, org.aerolux.core.HeapMemoryException.of(Path.of(file), "processing "
                    + Path.of(file).getFileName(), e), where, t0);
        }
    }
}
