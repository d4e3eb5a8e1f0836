package org.aerolux.spark;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Loaded models of one JVM (one Spark executor), kept for the life of the JVM and reused by every task that asks
 * for the same key. A loaded model runs on one thread at a time ({@link org.aerolux.core.model.Model}), so a task
 * borrows one and gives it back; a second model is loaded only while all loaded ones are busy, i.e. at most one
 * per task slot (executor core) running that key at once, never one per task.
 *
 * @param <K> what identifies a model and its options (equals/hashCode)
 * @param <V> the loaded model
 */
public final class ModelPool<K, V extends AutoCloseable> {
    private final Map<K, Queue<V>> idle = new ConcurrentHashMap<>();
    private final Map<K, AtomicInteger> loads = new ConcurrentHashMap<>();

    /** An idle model for {@code key}, or a new one from {@code loader} when none is idle. */
    public V borrow(K key, Supplier<V> loader) {
        V v = idle.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
        if (v != null) return v;
        V loaded = loader.get();
        loads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        return loaded;
    }

    /** Gives a borrowed model back for the next task. */
    public void release(K key, V model) {
        idle.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(model);
    }

    /** How many times a model for {@code key} was loaded in this JVM. */
    public int loads(K key) {
        AtomicInteger n = loads.get(key);
        return n == null ? 0 : n.get();
    }

    /** Closes and forgets every idle model (borrowed ones are closed by nobody: call this when no task runs). */
    public void closeIdle() {
        for (Queue<V> q : idle.values()) {
            for (V v; (v = q.poll()) != null; ) {
                try {
                    v.close();
                } catch (Exception ignored) {
                    // closing a native session at shutdown: nothing useful to do with a failure
                }
            }
        }
    }
}
