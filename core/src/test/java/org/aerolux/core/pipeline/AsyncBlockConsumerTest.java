package org.aerolux.core.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.aerolux.core.UsageException;
import org.junit.jupiter.api.Test;

class AsyncBlockConsumerTest {
    static OutputBlock block(int y) { return new OutputBlock(y, 2, 1, 1, new float[] {y, y}, new byte[] {1, 1}); }

    /** Records what happens to it, on which thread, optionally failing at one row. */
    static final class Recorder implements BlockConsumer {
        final List<Long> rows = new ArrayList<>();
        final List<String> threads = new ArrayList<>();
        final int failAt;
        boolean finished, closed;

        Recorder(int failAt) { this.failAt = failAt; }

        @Override
        public void accept(OutputBlock b) {
            if (b.minY() == failAt) throw new UsageException(null, "disk full at row " + failAt);
            rows.add(b.minY());
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void finish() { finished = true; }

        @Override
        public void close() { closed = true; }
    }

    @Test
    void deliversEveryBlockInOrderOnItsOwnThreadThenFinishes() {
        Recorder r = new Recorder(-1);
        try (AsyncBlockConsumer a = new AsyncBlockConsumer(r, 1)) {
            for (int y = 0; y < 50; y++) a.accept(block(y));
            a.finish();
        }
        assertEquals(50, r.rows.size());
        for (int y = 0; y < 50; y++) assertEquals(y, r.rows.get(y));
        assertTrue(r.threads.stream().allMatch("aerolux-output-writer"::equals));
        assertTrue(r.finished && r.closed);
    }

    @Test
    void aDownstreamFailureReachesThePipelineAndNothingIsFinished() {
        Recorder r = new Recorder(3);
        AsyncBlockConsumer a = new AsyncBlockConsumer(r, 1);
        UsageException e = assertThrows(UsageException.class, () -> {
            for (int y = 0; y < 1000; y++) a.accept(block(y));
            a.finish();
        });
        assertEquals("disk full at row 3", e.getMessage());
        a.close();
        assertFalse(r.finished, "no commit after a failure");
        assertTrue(r.closed, "the downstream consumer is closed (partial outputs removed)");
        assertEquals(List.of(0L, 1L, 2L), r.rows);
    }

    @Test
    void closeWithoutFinishStopsTheWorker() {
        Recorder r = new Recorder(-1);
        AsyncBlockConsumer a = new AsyncBlockConsumer(r, 2);
        a.accept(block(0));
        a.close();
        assertFalse(r.finished);
        assertTrue(r.closed);
    }
}
