package org.aerolux.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The per-executor model pool: reuse across tasks, a second copy only while the first is busy, keys apart. */
class ModelPoolTest {
    static final class Loaded implements AutoCloseable {
        final int serial;
        boolean closed;

        Loaded(int serial) { this.serial = serial; }

        @Override
        public void close() { closed = true; }
    }

    @Test
    void aReturnedModelIsReusedAndABusyOneIsNeverSharedOrReloadedPerTask() {
        ModelPool<String, Loaded> pool = new ModelPool<>();
        AtomicInteger serial = new AtomicInteger();
        for (int task = 0; task < 10; task++) {
            Loaded m = pool.borrow("farseg", () -> new Loaded(serial.incrementAndGet()));
            assertEquals(1, m.serial, "ten tasks one after another share one load");
            pool.release("farseg", m);
        }
        Loaded a = pool.borrow("farseg", () -> new Loaded(serial.incrementAndGet()));
        Loaded b = pool.borrow("farseg", () -> new Loaded(serial.incrementAndGet()));
        assertNotSame(a, b, "two tasks at once get two models (a model runs one call at a time)");
        assertEquals(2, pool.loads("farseg"));
        Loaded other = pool.borrow("cue", () -> new Loaded(serial.incrementAndGet()));
        assertEquals(1, pool.loads("cue"), "other options, another model");
        pool.release("farseg", a);
        pool.release("farseg", b);
        pool.release("cue", other);
        assertSame(a, pool.borrow("farseg", () -> fail("no load while one is idle")));
        pool.release("farseg", a);
        pool.closeIdle();
        assertTrue(a.closed && b.closed && other.closed);
        assertEquals(0, pool.loads("none"));
    }
}
