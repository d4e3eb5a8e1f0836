package org.aerolux.segmentation.vector;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Extra points on long edges of projected outlines sit on every 64th grid line, in ring order. */
class DensifyTest {
    @Test
    void longEdgesGetPointsOnGridLines() {
        int[] ring = {0, 0, 130, 0, 130, 1, 0, 1};
        assertArrayEquals(new int[] {0, 0, 64, 0, 128, 0, 130, 0, 130, 1, 128, 1, 64, 1, 0, 1},
                LonLatProjector.densified(ring));
    }

    @Test
    void shortEdgesAndEdgesEndingOnAGridLineAreKept() {
        int[] ring = {64, 0, 128, 0, 128, 64, 64, 64};
        assertSame(ring, LonLatProjector.densified(ring), "64-pixel edges from line to line need nothing");
        int[] off = {70, 3, 200, 3, 200, 4, 70, 4};
        assertArrayEquals(new int[] {70, 3, 128, 3, 192, 3, 200, 3, 200, 4, 192, 4, 128, 4, 70, 4},
                LonLatProjector.densified(off), "the neighbour below, sharing y = 4, gets the same points 128 and 192");
    }

    @Test
    void verticalEdgesToo() {
        int[] ring = {5, 0, 6, 0, 6, 65, 5, 65};
        assertArrayEquals(new int[] {5, 0, 6, 0, 6, 64, 6, 65, 5, 65, 5, 64}, LonLatProjector.densified(ring));
    }
}
