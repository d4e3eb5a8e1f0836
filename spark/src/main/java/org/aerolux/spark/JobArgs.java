package org.aerolux.spark;

import java.io.Serializable;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The options of an aerolux-spark command as the user typed them, sent to the executors, which parse them again
 * with the same command class (the same mixins, converters and defaults as on the driver) into the method's
 * options; also the key of the executors' model caches ({@link ExecutorModels}).
 *
 * @param args    the command's arguments (without the subcommand name)
 * @param threads the threads per task, resolved on the driver (--threads, else spark.task.cpus)
 */
public record JobArgs(List<String> args, int threads) implements Serializable {
    public JobArgs {
        args = List.copyOf(args);
    }

    /** The arguments the user gave to the subcommand of {@code spec}. */
    static JobArgs of(CommandSpec spec, int threads) {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        int from = all.indexOf(spec.name());
        return new JobArgs(all.subList(from + 1, all.size()), threads);
    }

    /** {@code command} with these arguments parsed into its fields. */
    <T> T parse(T command) {
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        return command;
    }
}
