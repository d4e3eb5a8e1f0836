package org.aerolux.calibration;

/**
 * A fitted temperature: probabilities softmax(z / T) minimise the mean NLL on the sampled labelled pixels.
 *
 * @param temperature     T
 * @param nllBefore       mean NLL of the sample at T = 1
 * @param nllAfter        mean NLL of the sample at the fitted T
 * @param samples         pixels in the sample
 * @param eligiblePixels  labelled pixels seen (the sample is a uniform subset of them)
 * @param iterations      iterations of the 1-D solver
 * @param atBound         whether T stopped at a bound of the search range (the optimum may lie beyond)
 */
public record TemperatureFit(double temperature, double nllBefore, double nllAfter, int samples, long eligiblePixels,
                             int iterations, boolean atBound) {}
