package org.aerolux.core.pipeline;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.aerolux.core.CancelledException;
import org.aerolux.core.HeapMemoryException;

/**
 * Hands blocks to another consumer on a thread of its own, so that turning them into outputs (per-pixel maps,
 * compression, file writes) overlaps the model's work on the next tiles. At most {@code capacity} blocks wait in
 * between (memory: that many bands of rows more). A failure of the downstream consumer is rethrown to the
 * pipeline at its next {@link #accept} or at {@link #finish}; {@link #close} stops the thread and closes the
 * downstream consumer, so partial outputs are removed as usual. The worker is never interrupted while it writes
 * (an interrupt would close file channels under it).
 */
public final class AsyncBlockConsumer implements BlockConsumer {
    private static final Object END = new Object();

    private final BlockConsumer downstream;
    private final BlockingQueue<Object> queue;
    private final Thread worker;
    private volatile Throwable failure;
    private volatile String failedRows = "writing the outputs";
    private volatile boolean abort;
    private boolean ended;

    public AsyncBlockConsumer(BlockConsumer downstream, int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1");
        this.downstream = downstream;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = new Thread(this::work, "aerolux-output-writer");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    private void work() {
        while (true) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (item == END) return;
            if (abort) continue;
            OutputBlock block = (OutputBlock) item;
            try {
                FaultInjection.at("writer");
                downstream.accept(block);
            } catch (Throwable t) {
                // any throwable, an OutOfMemoryError too: the pipeline rethrows it at its next accept or finish
                failedRows = "writing the outputs of rows " + block.minY() + ".." + (block.minY() + block.height() - 1)
                        + " (" + block.width() + " pixels wide)";
                failure = t;
                abort = true; // later blocks are skipped, but the end marker is still taken from the queue
            }
        }
    }

    @Override
    public void accept(OutputBlock block) {
        rethrow();
        put(block);
    }

    /** Waits until every block has been handled, then finishes the downstream consumer on this thread. */
    @Override
    public void finish() {
        put(END);
        ended = true;
        join();
        rethrow();
        downstream.finish();
    }

    @Override
    public void close() {
        abort = true;
        if (!ended) {
            queue.clear();
            queue.offer(END);
            ended = true;
        }
        join();
        downstream.close();
    }

    private void put(Object item) {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                rethrow();
                if (!worker.isAlive()) throw new IllegalStateException("the output writer stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted");
        }
    }

    private void join() {
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void rethrow() {
        Throwable t = failure;
        if (t == null) return;
        throw HeapMemoryException.asRunFailure(t, failedRows);
    }
}
