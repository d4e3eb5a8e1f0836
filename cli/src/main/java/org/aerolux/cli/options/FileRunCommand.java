package org.aerolux.cli.options;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The base of the file-run subcommands of {@code aerolux} and {@code aerolux-spark}: their spec and {@code --input}/{@code --output}. */
public abstract class FileRunCommand {
    @Spec
    protected CommandSpec spec;

    @Mixin
    protected FilesMixin io;
}
