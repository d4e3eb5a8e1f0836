package org.aerolux.segmentation.vector;

/**
 * Directed boundary edges of one open object, (x0, y0) -> (x1, y1) in pixel-corner coordinates, kept in a linked
 * list of int chunks so that two objects that meet are joined in constant time.
 */
final class EdgeList {
    private static final int MIN_EDGES = 8;
    private static final int MAX_EDGES = 8192;

    private static final class Chunk {
        final int[] data;
        int size; // ints used
        Chunk next;

        Chunk(int edges) { data = new int[4 * edges]; }
    }

    private Chunk head;
    private Chunk tail;
    private long count;

    void add(int x0, int y0, int x1, int y1) {
        if (tail == null || tail.size == tail.data.length) {
            Chunk c = new Chunk((int) Math.max(MIN_EDGES, Math.min(MAX_EDGES, count)));
            if (tail == null) head = c;
            else tail.next = c;
            tail = c;
        }
        int[] d = tail.data;
        int i = tail.size;
        d[i] = x0;
        d[i + 1] = y0;
        d[i + 2] = x1;
        d[i + 3] = y1;
        tail.size = i + 4;
        count++;
    }

    /** Moves every edge of {@code other} to the end of this list; {@code other} is left empty. */
    void takeAll(EdgeList other) {
        if (other.head == null) return;
        if (head == null) head = other.head;
        else tail.next = other.head;
        tail = other.tail;
        count += other.count;
        other.head = other.tail = null;
        other.count = 0;
    }

    long size() { return count; }

    /** The edges as four parallel arrays x0, y0, x1, y1. */
    int[][] toArrays() {
        if (count > Integer.MAX_VALUE - 16) throw new IllegalStateException("an object with more than 2^31 boundary edges");
        int n = (int) count;
        int[] x0 = new int[n], y0 = new int[n], x1 = new int[n], y1 = new int[n];
        int e = 0;
        for (Chunk c = head; c != null; c = c.next) {
            for (int i = 0; i < c.size; i += 4, e++) {
                x0[e] = c.data[i];
                y0[e] = c.data[i + 1];
                x1[e] = c.data[i + 2];
                y1[e] = c.data[i + 3];
            }
        }
        return new int[][] {x0, y0, x1, y1};
    }
}
