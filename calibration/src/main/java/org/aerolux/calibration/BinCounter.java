package org.aerolux.calibration;

import java.util.ArrayList;
import java.util.List;

/** Mutable per-bin sums for one confidence variable (max probability, or one class's probability). */
final class BinCounter {
    private final int bins;
    private final double[] edges;
    private final long[] count;
    private final double[] confidenceSum;
    private final long[] correct;

    BinCounter(int bins) {
        this.bins = bins;
        this.edges = ConfidenceBins.edges(bins);
        this.count = new long[bins];
        this.confidenceSum = new double[bins];
        this.correct = new long[bins];
    }

    void add(double confidence, boolean hit) {
        int k = ConfidenceBins.indexOf(confidence, edges);
        if (k < 0) return;
        count[k]++;
        confidenceSum[k] += confidence;
        if (hit) correct[k]++;
    }

    /** ECE over {@code total} pixels: sum over non-empty bins of |conf - acc| * count / total. */
    double ece(long total) {
        return toDiagram(total).ece();
    }

    ReliabilityDiagram toDiagram(long total) {
        List<ReliabilityBin> b = new ArrayList<>(bins);
        for (int k = 0; k < bins; k++)
            b.add(new ReliabilityBin(ConfidenceBins.lowerEdge(k, bins), ConfidenceBins.upperEdge(k, bins),
                    count[k], confidenceSum[k], correct[k]));
        return new ReliabilityDiagram(b, total);
    }
}
