/**
 * Running a model at its own ground resolution on a grid of another: {@link org.aerolux.core.resample.ResampleGrid}
 * (the input grid and the model grid over the same extent), {@link org.aerolux.core.resample.ResampledSource} (a
 * streamed view of a source on the model grid: area averaging when shrinking, bilinear when enlarging, read in strips
 * of rows) and {@link org.aerolux.core.resample.GridBackMapper} (the pipeline's model-grid output rows, bilinearly
 * mapped back onto the input's exact grid, rows in, rows out). {@link org.aerolux.core.resample.AxisKernel} holds the
 * separable weights of one axis.
 */
package org.aerolux.core.resample;
