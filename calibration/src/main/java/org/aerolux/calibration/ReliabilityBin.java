package org.aerolux.calibration;

/**
 * One bin of a reliability diagram: the pixels whose confidence lies in (lower, upper].
 *
 * @param lower         lower edge (open)
 * @param upper         upper edge (closed)
 * @param count         pixels in the bin
 * @param confidenceSum sum of their confidences
 * @param correctCount  how many of them were predicted correctly (or, for a class-wise bin, belong to the class)
 */
public record ReliabilityBin(double lower, double upper, long count, double confidenceSum, long correctCount) {

    /** Mean confidence in the bin, NaN when empty. */
    public double meanConfidence() {
        return count == 0 ? Double.NaN : confidenceSum / count;
    }

    /** Accuracy (fraction correct) in the bin, NaN when empty. */
    public double accuracy() {
        return count == 0 ? Double.NaN : correctCount / (double) count;
    }

    /** Signed gap confidence - accuracy (positive = over-confident), NaN when empty. */
    public double gap() {
        return meanConfidence() - accuracy();
    }

    /** Sum of two bins with the same edges. */
    public ReliabilityBin plus(ReliabilityBin o) {
        if (o.lower != lower || o.upper != upper) throw new IllegalArgumentException("bins with different edges");
        return new ReliabilityBin(lower, upper, count + o.count, confidenceSum + o.confidenceSum, correctCount + o.correctCount);
    }
}
