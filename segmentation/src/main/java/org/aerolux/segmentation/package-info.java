/**
 * FarSeg segmentation: {@link org.aerolux.segmentation.SegmentationOptions} (every option, neutral names),
 * {@link org.aerolux.segmentation.Segmenter#open} (the model, checked), {@link org.aerolux.segmentation.Segmenter#run}
 * (tiles, softmax(z / T), blended probabilities, then labels, confidence, entropy, vectors and class statistics in
 * one pass) and {@link org.aerolux.segmentation.FileSegmentation}, the file run every front end calls (outputs,
 * resume rule, provenance via {@link org.aerolux.segmentation.Provenance}). Calibration on labelled images:
 * {@link org.aerolux.segmentation.LabelledCalibration} and {@link org.aerolux.segmentation.CalibrationOutputs}.
 */
package org.aerolux.segmentation;
