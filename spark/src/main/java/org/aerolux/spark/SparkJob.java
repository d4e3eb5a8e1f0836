package org.aerolux.spark;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aerolux.core.UsageException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;

/**
 * Runs one task per scene on Spark and brings the outcomes back to the driver. Scenes are the partitions (one
 * scene, one task), so Spark balances them over the executors and retries a failed one up to
 * {@code spark.task.maxFailures} times; in local mode the retries need the master {@code local[N,F]}, which this
 * class makes from {@code local[N]}.
 */
public final class SparkJob {
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,(\\d+))?])?");

    private SparkJob() {}

    /** The master to use: the option, else the one spark-submit set, else local[*]; local ones with retries. */
    static String master(String option, SparkConf conf, int maxFailures) {
        String m = option != null ? option.trim() : conf.get("spark.master", "local[*]");
        Matcher l = LOCAL.matcher(m);
        if (!l.matches()) return m;
        if (l.group(2) != null) return m;
        return "local[" + (l.group(1) == null ? "1" : l.group(1)) + "," + maxFailures + "]";
    }

    /** The Spark configuration of a job: quiet, no web UI unless asked for, retries as given. */
    static SparkConf conf(String appName, SparkOptions options) {
        if (options.maxFailures < 1) throw new UsageException(null, "--max-failures must be at least 1, got " + options.maxFailures);
        SparkConf conf = new SparkConf().setAppName(appName);
        String master = master(options.master, conf, options.maxFailures);
        conf.setMaster(master).set("spark.task.maxFailures", Integer.toString(options.maxFailures));
        conf.setIfMissing("spark.ui.enabled", "false");
        if (master.startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return conf;
    }

    /**
     * What the job ran on and what its scenes gave, in the order of the scenes.
     *
     * @param startSeconds the start of the Spark context
     * @param seconds      the scene tasks, from submission to the last outcome on the driver
     */
    public record Result(String master, int defaultParallelism, List<SceneOutcome> outcomes, double startSeconds, double seconds) {}

    /** Runs {@code task} on each scene, one partition per scene. */
    public static Result run(SparkConf conf, List<String> scenes, Function<String, SceneOutcome> task) {
        long t0 = System.nanoTime();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            long t1 = System.nanoTime();
            List<SceneOutcome> outcomes = sc.parallelize(scenes, scenes.size()).map(task).collect();
            return new Result(sc.master(), sc.defaultParallelism(), outcomes, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        }
    }
}
