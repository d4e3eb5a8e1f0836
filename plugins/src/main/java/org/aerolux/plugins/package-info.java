/**
 * The Fiji front end: ImageJ 1 plugins (menu commands, recordable as macros and run headless) that read their keys
 * ({@link org.aerolux.plugins.Fields}, {@link org.aerolux.plugins.ModelRunFields}), call the methods' own runs
 * ({@code Segmenter}, {@code Enhancer}, {@code FileSegmentation}, {@code FileEnhancement}) on images or folders,
 * show tile progress with Esc as cancel ({@link org.aerolux.plugins.TileProgress}) and report errors in one line
 * ({@link org.aerolux.plugins.CommandRunner}).
 */
package org.aerolux.plugins;
