/**
 * {@code aerolux-spark}: the CLI's segment and enhance over many scenes, one Spark task per scene. The driver parses
 * the same option mixins as {@code aerolux}, lists the scenes ({@link org.aerolux.spark.SceneList}) and prepares the
 * output folder; each task ({@link org.aerolux.spark.SceneTask}) re-parses the options as typed
 * ({@link org.aerolux.spark.JobArgs}), borrows the executor's cached model ({@link org.aerolux.spark.ExecutorModels})
 * and calls the method's file run, so the outputs are the CLI's byte for byte; {@link org.aerolux.spark.JobReport}
 * sums up.
 */
package org.aerolux.spark;
