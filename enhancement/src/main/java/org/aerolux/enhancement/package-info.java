/**
 * CUE low-light enhancement (Zheng et al., ICCV 2023) of rasters of any type and size, pure Java over the core
 * engine (no front end, no GeoTools, no ONNX Runtime types here).
 *
 * <h2>The recipe ({@link org.aerolux.enhancement.Enhancer})</h2>
 * <ol>
 *   <li><b>Bands</b> ({@link org.aerolux.enhancement.BandSelection}): grey is fed as 1,1,1 and comes back as the
 *       mean of the three (clamped) output channels; colour as 1,2,3; {@code --bands} picks any three of a
 *       multi-band raster; every other band (and a PNG's alpha) is copied unchanged, exactly.</li>
 *   <li><b>Values to [0, 1]</b> ({@link org.aerolux.enhancement.ValueRange},
 *       {@link org.aerolux.enhancement.RangeEstimator}): 8-bit uses 0..255; 16-bit, 32-bit and float use the
 *       0.01th..99.99th percentiles of the valid samples of the chosen bands (robust to hot pixels and stray fill
 *       values; exact extremes below 10,000 samples); {@code --range MIN,MAX} overrides. One range for all three
 *       bands keeps the colour balance. Inputs outside the range are clamped; nodata and NaN stay out of the
 *       model.</li>
 *   <li><b>Whole image or tiles</b> ({@link org.aerolux.enhancement.ModePlanner}): CUE's FFT branches and global
 *       pooling give every output pixel a whole-image receptive field, so the whole image runs in one pass when the
 *       card's {@code aerolux.activation_bytes_per_pixel} x padded pixels (plus buffers and a fixed overhead) fits
 *       the {@link org.aerolux.enhancement.MemoryBudget} (default half the available memory). Otherwise tiles of at
 *       least 512 pixels (card default 1024) with a wide overlap (card default 256) and cosine feathering, and the
 *       tiled-vs-whole gap is measured on a probe window that fits ({@link org.aerolux.enhancement.TiledGap}).
 *       Either way the image is mirror-extended ({@code Views.extendMirrorSingle}) past its borders and cropped
 *       back: a whole-image pass by {@value org.aerolux.enhancement.ModePlanner#BORDER_MARGIN} pixels on every side
 *       (plus the rounding to a multiple of 4 at the bottom and right), a tiled pass by at least as much (its overlap
 *       is raised to twice that margin where smaller), so that the outermost pixels never sit at the model's input
 *       edge (zero-padded convolutions, FFT wrap-around: a frame of colour fringes).</li>
 *   <li><b>Back to the input's type</b>: each output channel is clamped to [0, 1], mapped back through the same
 *       range, rounded and clamped to the type; a valid pixel never lands on the nodata value.</li>
 * </ol>
 *
 * <h2>Around it</h2>
 * {@link org.aerolux.enhancement.EnhancedOutputs} (file names and writers: GeoTIFF out for TIFF in, PNG out for PNG
 * and JPEG in), {@link org.aerolux.enhancement.EnhancementProvenance} (the STEM_aerolux.json record),
 * {@link org.aerolux.enhancement.ImageQuality} (PSNR, SSIM as Wang et al. 2004),
 * {@link org.aerolux.enhancement.ReferenceComparison} and {@link org.aerolux.enhancement.SideBySide}
 * (before/after PNG).
 */
package org.aerolux.enhancement;
