package org.aerolux.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConfidenceBinsTest {

    @Test
    void valueOnAnInnerEdgeBelongsToTheBinBelow() {
        // bins are (k/15, (k+1)/15]: k/15 itself is the closed upper edge of bin k-1
        for (int k = 1; k <= 15; k++) assertEquals(k - 1, ConfidenceBins.indexOf(k / 15.0, 15), "k=" + k);
        // one ulp above an edge starts the next bin
        for (int k = 1; k < 15; k++) assertEquals(k, ConfidenceBins.indexOf(Math.nextUp(k / 15.0), 15), "k=" + k);
    }

    @Test
    void oneHalfOneAndZero() {
        // 0.5 * 15 = 7.5: inside bin 7 = (7/15, 8/15] = (0.4667, 0.5333]
        assertEquals(7, ConfidenceBins.indexOf(0.5, 15));
        // 1.0 is the closed top of the last bin
        assertEquals(14, ConfidenceBins.indexOf(1.0, 15));
        // 0 is in no bin (lower edges are open), nor is anything outside (0, 1]
        assertEquals(-1, ConfidenceBins.indexOf(0.0, 15));
        assertEquals(-1, ConfidenceBins.indexOf(-0.1, 15));
        assertEquals(-1, ConfidenceBins.indexOf(Math.nextUp(1.0), 15));
        assertEquals(-1, ConfidenceBins.indexOf(Double.NaN, 15));
        // the smallest positive value is in bin 0
        assertEquals(0, ConfidenceBins.indexOf(Double.MIN_VALUE, 15));
        // with 4 bins the edges are exact binary fractions: 0.25 -> bin 0, 0.5 -> bin 1, 0.75 -> bin 2
        assertEquals(0, ConfidenceBins.indexOf(0.25, 4));
        assertEquals(1, ConfidenceBins.indexOf(0.5, 4));
        assertEquals(2, ConfidenceBins.indexOf(0.75, 4));
    }

    @Test
    void agreesWithTheAuthorsLinearScanOnManyValues() {
        // the authors' rule, literally: the bin k with lower_k < v <= upper_k (edges k / bins)
        SplittableRandom r = new SplittableRandom(7);
        for (int bins : new int[]{1, 2, 10, 15, 20, 37}) {
            for (int t = 0; t < 20000; t++) {
                double v = switch (t % 4) {
                    case 0 -> r.nextDouble();
                    case 1 -> (r.nextInt(bins + 1)) / (double) bins;                  // exactly on an edge
                    case 2 -> Math.nextUp((r.nextInt(bins + 1)) / (double) bins);     // just above
                    default -> Math.nextDown((r.nextInt(bins + 1)) / (double) bins);  // just below
                };
                int expected = -1;
                for (int k = 0; k < bins; k++)
                    if (v > k / (double) bins && v <= (k + 1) / (double) bins) expected = k;
                assertEquals(expected, ConfidenceBins.indexOf(v, bins), "v=" + v + " bins=" + bins);
            }
        }
    }
}
