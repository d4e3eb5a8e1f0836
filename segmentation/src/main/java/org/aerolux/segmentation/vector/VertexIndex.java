package org.aerolux.segmentation.vector;

import java.util.Arrays;

/**
 * Open-addressing map from a pixel corner (x, y) to the edges that start there: one edge, or two at a saddle
 * vertex (the second is chained through {@link #second}).
 */
final class VertexIndex {
    private final long[] keys;
    private final int[] first;
    private final int[] second;
    private final int mask;

    VertexIndex(int[] x0, int[] y0) {
        int n = x0.length;
        int cap = Integer.highestOneBit(Math.max(4, n) * 2 - 1) << 1;
        keys = new long[cap];
        first = new int[cap];
        Arrays.fill(first, -1);
        second = new int[n];
        Arrays.fill(second, -1);
        mask = cap - 1;
        for (int e = 0; e < n; e++) {
            long k = key(x0[e], y0[e]);
            int slot = slot(k);
            if (first[slot] < 0) {
                keys[slot] = k;
                first[slot] = e;
            } else {
                int f = first[slot];
                if (second[f] >= 0) throw new IllegalStateException("three boundary edges leave one corner (" + x0[e] + ", " + y0[e] + ")");
                second[f] = e;
            }
        }
    }

    /** The first edge starting at (x, y), or -1. */
    int first(int x, int y) {
        int s = slot(key(x, y));
        return first[s];
    }

    /** The other edge starting at the start of edge {@code e}, or -1. */
    int second(int e) { return second[e]; }

    private int slot(long k) {
        int h = (int) mix(k) & mask;
        while (first[h] >= 0 && keys[h] != k) h = (h + 1) & mask;
        return h;
    }

    private static long key(int x, int y) { return ((long) x << 32) | (y & 0xffffffffL); }

    private static long mix(long z) { // SplitMix64 finaliser
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
