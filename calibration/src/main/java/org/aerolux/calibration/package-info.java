/**
 * Calibration of segmentation probabilities, pure Java (no ImageJ, no GeoTools): NACL-protocol metrics,
 * reliability diagrams, temperature scaling, the NACL penalty as a diagnostic, and per-pixel uncertainty.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * CalibrationOptions opt = CalibrationOptions.builder().foregroundOnly(true).build();
 * CalibrationAggregate dataset = new CalibrationAggregate(C, opt);
 * TemperatureSampler sampler = new TemperatureSampler(C, 200_000, 42, opt);
 * for (image : images) {
 *     ImageCalibrationAccumulator acc = new ImageCalibrationAccumulator(C, opt);
 *     for (band : image.rowBands()) {                       // bounded memory: one band at a time
 *         PixelBlock b = new PixelBlock(scores, ScoreKind.LOGITS, C, n, labels, validMask);
 *         acc.accept(b);
 *         sampler.accept(b);
 *     }
 *     dataset.add(acc.finish(image.name()));
 * }
 * CalibrationReport report = dataset.report().withTemperature(sampler.fit());
 * CalibrationReportJson.write(report, dir.resolve("calibration.json"));
 * ReliabilityDiagramPlot.writePng(report.diagram(), "title", dir.resolve("reliability.png"));
 * }</pre>
 *
 * <h2>Definitions (read from the NACL authors' code, Bala93/MarginLoss)</h2>
 * <ul>
 *   <li>Bins: equal width, edges k/bins, a value v is in bin k when lower &lt; v &lt;= upper; 0 is in no bin but
 *       counts in the denominator ({@link org.aerolux.calibration.ConfidenceBins}).</li>
 *   <li>ECE: sum over non-empty bins of |mean confidence - accuracy| x bin share, on the max probability.</li>
 *   <li>CECE: the same per class on p_c against [label = c], averaged over classes 0..max(label) of the image's
 *       evaluated pixels by default ({@link org.aerolux.calibration.CeceClasses}).</li>
 *   <li>Per image, then a plain mean over images; images with no evaluated pixel are left out and counted.</li>
 *   <li>NLL: mean -log p_y; Brier: mean over pixels of sum_c (p_c - [y = c])^2; same pixels, same averaging.</li>
 *   <li>NACL penalty: mean over classes and pixels of |tau - z|, tau from a k x k 'mean' window whose padding
 *       counts as class 0 ({@link org.aerolux.calibration.NaclPenaltyAccumulator}).</li>
 * </ul>
 */
package org.aerolux.calibration;
