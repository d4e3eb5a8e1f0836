package org.aerolux.cli.options;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The base of the top-level commands {@code aerolux} and {@code aerolux-spark}: without a subcommand, a usage error. */
public abstract class RootCommand implements Runnable {
    @Spec
    protected CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: one of " + spec.subcommands().keySet());
    }
}
