package org.aerolux.spark;

import org.apache.spark.SparkConf;
import picocli.CommandLine.Option;

/** Where and how Spark runs the scene tasks (options shared by every aerolux-spark command). */
final class SparkOptions {
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[N] runs N tasks at once in this JVM, or spark://host:7077, yarn, k8s://...;"
                    + " default local[*] unless spark-submit set one")
    String master;

    @Option(names = "--max-failures", paramLabel = "N", defaultValue = "4",
            description = "attempts per scene task before the job fails (spark.task.maxFailures; default ${DEFAULT-VALUE})")
    int maxFailures;

    @Option(names = "--quiet", description = "print nothing but errors")
    boolean quiet;

    /** --threads as given, else the cores Spark gives each task (spark.task.cpus, 1 by default). */
    int threads(Integer given) {
        return given != null ? given : new SparkConf().getInt("spark.task.cpus", 1);
    }
}
