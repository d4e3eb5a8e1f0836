package org.aerolux.spark;

import com.google.gson.JsonObject;
import org.aerolux.core.provenance.ProvenanceJson;
import java.io.Serializable;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/**
 * Where a task ran: the Spark executor id ("driver" in local mode, where the driver runs the tasks), its host, and
 * the task's partition, attempt number and stage. Recorded as {@code "executor"} in each provenance file.
 */
public record ExecutorIdentity(String id, String host, int partition, int attempt, int stage) implements Serializable {
    /** The identity of the task running on this thread. */
    public static ExecutorIdentity current() {
        SparkEnv env = SparkEnv.get();
        TaskContext t = TaskContext.get();
        if (env == null || t == null) throw new IllegalStateException("not inside a Spark task");
        return new ExecutorIdentity(env.executorId(), env.blockManager().blockManagerId().host(), t.partitionId(), t.attemptNumber(),
                t.stageId());
    }

    /** The provenance field. */
    public JsonObject toJson() { return ProvenanceJson.tree(this).getAsJsonObject(); }
}
