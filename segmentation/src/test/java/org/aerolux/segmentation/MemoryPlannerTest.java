package org.aerolux.segmentation;

import static org.junit.jupiter.api.Assertions.*;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.aerolux.core.ExitCode;
import org.aerolux.core.HeapMemoryException;
import org.aerolux.core.tile.TileGrid;
import org.junit.jupiter.api.Test;

/** The segmentation memory plan: as asked when it fits, smaller buffers in the documented order, exit 6 when nothing fits. */
class MemoryPlannerTest {
    private static final Set<SegmentationOutput> ALL = EnumSet.of(SegmentationOutput.LABELS, SegmentationOutput.PROBABILITIES,
            SegmentationOutput.CONFIDENCE, SegmentationOutput.VECTORS);

    private static MemoryPlanner.Run run(int size, boolean tileGiven) {
        return new MemoryPlanner.Run(size, size, 3, 5, ALL, new TileGrid(512, 128, 32), tileGiven, 0, 4);
    }

    @Test
    void aSmallImageRunsAsAsked() {
        MemoryPlan p = MemoryPlanner.plan(run(2000, false), 2L << 30);
        assertEquals(512, p.grid().tileSize());
        assertEquals(4, p.batch());
        assertEquals(384, p.blockRows());
        assertEquals(List.of(), p.steps());
        assertTrue(p.needBytes() <= p.usableBytes());
    }

    @Test
    void aWideImageUnderASmallHeapShrinksBuffersFirstThenTheTile() {
        long usable = 800L << 20; // about what -Xmx1g leaves
        MemoryPlan p = MemoryPlanner.plan(run(20000, false), usable);
        assertTrue(p.needBytes() <= usable, p.summary());
        assertEquals("blocks of 64 rows", p.steps().get(0), p.summary());
        assertEquals("output GeoTIFF tiles 128", p.steps().get(1), p.summary());
        assertEquals(256, p.grid().tileSize(), p.summary());
        assertEquals(64, p.grid().overlap(), p.summary());
        // the estimate is monotonic: the plan as asked would not have fitted
        assertTrue(MemoryPlanner.need(run(20000, false), new TileGrid(512, 128, 32), 4, 384, 2, 256) > usable);
    }

    @Test
    void aGivenTileIsNeverShrunkAndAPlanThatCannotFitSaysSoWithAHeapThatWouldDo() {
        HeapMemoryException e = assertThrows(HeapMemoryException.class, () -> MemoryPlanner.plan(run(20000, true), 800L << 20));
        assertEquals(ExitCode.OUT_OF_MEMORY, e.exitCode());
        assertTrue(e.getMessage().startsWith("out of memory: segmenting a 20000 x 20000 image with outputs labels, probabilities,"
                + " confidence, vectors needs about "), e.getMessage());
        assertTrue(e.getMessage().contains("even with tiles of 512 px, 1 tile per call"), e.getMessage());
        assertTrue(e.getMessage().matches(".*give Java a larger heap, e\\.g\\. JAVA_OPTS=-Xmx\\d+g$"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
