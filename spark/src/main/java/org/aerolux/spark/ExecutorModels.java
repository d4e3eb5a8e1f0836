package org.aerolux.spark;

import org.aerolux.enhancement.Enhancer;
import org.aerolux.segmentation.Segmenter;

/**
 * The per-JVM model caches of the executors: a segmenter per {@link SegmentJob} and an enhancer per
 * {@link EnhanceJob} (model reference plus every option), loaded on first use and reused by all later tasks.
 * Static on purpose: Spark runs the tasks of one executor in one JVM, and each task deserialises fresh function
 * objects, so only a static holder lives across tasks.
 */
public final class ExecutorModels {
    /** Segmenters, keyed by the options that make one. */
    public static final ModelPool<JobArgs, Segmenter> SEGMENTERS = new ModelPool<>();
    /** Enhancers, keyed by the options that make one. */
    public static final ModelPool<JobArgs, Enhancer> ENHANCERS = new ModelPool<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            SEGMENTERS.closeIdle();
            ENHANCERS.closeIdle();
        }, "aerolux-close-models"));
    }

    private ExecutorModels() {}
}
