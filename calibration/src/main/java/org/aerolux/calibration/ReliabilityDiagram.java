package org.aerolux.calibration;

import java.util.ArrayList;
import java.util.List;

/**
 * The data of a reliability diagram: per-bin counts, mean confidence and accuracy of the max-probability
 * prediction, over {@code total} evaluated pixels (total may exceed the sum of bin counts when some
 * confidences fall in no bin, see {@link ConfidenceBins}).
 */
public record ReliabilityDiagram(List<ReliabilityBin> bins, long total) {

    public ReliabilityDiagram {
        bins = List.copyOf(bins);
    }

    /** An empty diagram with {@code n} equal-width bins. */
    public static ReliabilityDiagram empty(int n) {
        List<ReliabilityBin> b = new ArrayList<>(n);
        for (int k = 0; k < n; k++)
            b.add(new ReliabilityBin(ConfidenceBins.lowerEdge(k, n), ConfidenceBins.upperEdge(k, n), 0, 0, 0));
        return new ReliabilityDiagram(b, 0);
    }

    /** ECE = sum over non-empty bins of |mean confidence - accuracy| * count / total; 0 when total is 0. */
    public double ece() {
        if (total == 0) return 0.0;
        double e = 0;
        for (ReliabilityBin b : bins) if (b.count() > 0) e += Math.abs(b.gap()) * b.count() / total;
        return e;
    }

    /** Bin-wise sum with another diagram of the same binning (pooling pixels of several images). */
    public ReliabilityDiagram plus(ReliabilityDiagram o) {
        if (o.bins.size() != bins.size()) throw new IllegalArgumentException("diagrams with different bin counts");
        List<ReliabilityBin> b = new ArrayList<>(bins.size());
        for (int k = 0; k < bins.size(); k++) b.add(bins.get(k).plus(o.bins.get(k)));
        return new ReliabilityDiagram(b, total + o.total);
    }
}
