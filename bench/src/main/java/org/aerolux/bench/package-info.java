/**
 * Benchmarks of speed and memory (results and the commands that made them in bench/RESULTS.md): the pipeline and
 * copy paths against raw baselines ({@link org.aerolux.bench.PipelineBench}, {@link org.aerolux.bench.CopyBench}),
 * segmentation and enhancement end to end ({@link org.aerolux.bench.SegmentationBench},
 * {@link org.aerolux.bench.EnhanceBench}), memory ({@link org.aerolux.bench.MemoryBench}) and the GPU check
 * ({@link org.aerolux.bench.GpuCheck}). Ratios are measured in one run, never asserted in unit tests.
 */
package org.aerolux.bench;
