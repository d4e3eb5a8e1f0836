/**
 * Georeferenced rasters, the only package that sees GeoTools and imageio-ext. The rest of AeroLux sees plain values:
 * {@link org.aerolux.core.raster.RasterInfo}, {@link org.aerolux.core.raster.Georeference} (a
 * {@link org.aerolux.core.raster.CrsInfo} and an {@link org.aerolux.core.raster.Affine}), {@link
 * org.aerolux.core.raster.DataType}, and the {@link org.aerolux.core.raster.RasterSource} /
 * {@link org.aerolux.core.raster.RasterSink} seams; {@link org.aerolux.core.raster.Rasters} opens files and answers
 * CRS questions.
 *
 * <p>Reading, as GDAL reads (checked against GDAL by GdalParityMatrixTest): {@code TiffDirectory} reads and checks
 * the first image directory itself and refuses, in one line, what is not read; {@link
 * org.aerolux.core.raster.GeoTiffSource} decodes windows through imageio-ext's TIFF reader, corrected where it
 * differs from GDAL: {@code AsStoredTiffReader} (planar configuration, MINISWHITE, sparse blocks),
 * {@code PredictedDecompressor} with {@code Predictors} (TIFF predictors 2 and 3 on LZW, Deflate, ZSTD),
 * {@code RawJpegDecompressor} (JPEG of 2 or 4+ components); {@code NativeSamples} copies samples out bit for bit.
 * Georeferencing: {@code GeoTiffGeoreference} (GeoKeys and transform tags), {@code EngineeringCrs} (local CRSs, which
 * GeoTools neither reads nor writes), {@code GeoCrs} (GeoTools CRS objects to and from CrsInfo), {@code GdalTags}
 * (GDAL_NODATA, GDAL_METADATA).
 *
 * <p>Writing: {@link org.aerolux.core.raster.GeoTiffSink} streams tiled Deflate GeoTIFFs ({@code IfdWriter},
 * {@code GeoKeys}), {@link org.aerolux.core.raster.TeeRasterSink} writes several at once, {@link
 * org.aerolux.core.raster.RasterCopy} streams a source into a sink.
 */
package org.aerolux.core.raster;
