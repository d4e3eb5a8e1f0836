/**
 * The options vocabulary of the command lines, shared by {@code aerolux} and {@code aerolux-spark}: picocli mixins
 * ({@link org.aerolux.cli.options.ModelRunMixin}, {@link org.aerolux.cli.options.SegmentRunMixin},
 * {@link org.aerolux.cli.options.EnhanceRunMixin}) whose typed {@link org.aerolux.cli.options.Converters} turn
 * what is typed into the method modules' values, and which build the methods' options records. The flag names
 * ({@code --bands}) live here, in the front end; the method modules name options neutrally.
 */
package org.aerolux.cli.options;
