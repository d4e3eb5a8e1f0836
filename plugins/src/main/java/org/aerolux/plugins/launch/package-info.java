/**
 * The entry point of every AeroLux menu command, compiled for Java 8 (class file version 52) so that any Fiji can
 * load it: {@link org.aerolux.plugins.launch.Launcher} checks that Fiji runs Java 17 or newer and has the libraries
 * AeroLux takes from Fiji ({@link org.aerolux.plugins.launch.Requirements}), says in one line what is missing, and
 * only then loads the command itself (Java 17 bytecode, package {@code org.aerolux.plugins}) by name.
 * Nothing here may use an API newer than Java 8.
 */
package org.aerolux.plugins.launch;
