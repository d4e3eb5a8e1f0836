/**
 * The {@code aerolux} command line ({@link org.aerolux.cli.AeroLuxCli}): picocli subcommands that parse options
 * (the shared mixins of {@code org.aerolux.cli.options}), open the method ({@code Segmenter.open},
 * {@code Enhancer.open}), run its file run ({@code FileSegmentation}, {@code FileEnhancement}) over the inputs
 * ({@link org.aerolux.cli.InputFiles}) into the output folder, and print one line per input; errors become one line
 * and an exit code (INTERFACE.md). Progress is drawn on the terminal only ({@link org.aerolux.cli.TerminalLine}).
 */
package org.aerolux.cli;
