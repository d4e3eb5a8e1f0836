package org.aerolux.segmentation.vector;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins the directed boundary edges of one 4-connected object into rings.
 *
 * <p>Edges run with the object on their left (pixel-corner coordinates, x right, y down, orientation taken as in
 * the (x, y) plane), so the outer ring has positive signed area and every hole negative. Each corner is left by
 * one edge, except at a <em>saddle</em>: a corner whose two diagonal pixels belong to the object while the other two
 * do not. There the tracer turns right, around the outside pixel, so the two object pixels stay joined at the
 * corner and the two outside regions stay apart. The rings are then the boundaries of the connected parts of the
 * object's complement; each is simple, and rings meet only at single saddle corners (a hole touching the shell or
 * another hole at one point), which JTS and the OGC simple-features model accept as a valid polygon. Turning left
 * instead would give a shell that touches itself, which is invalid.
 *
 * <p>Corners where the boundary goes straight on are dropped, so staircases keep only their steps.
 */
final class RingTracer {
    private RingTracer() {}

    /** The traced rings: the shell and the holes, vertices interleaved (x, y), not closed. */
    record Rings(int[] shell, List<int[]> holes) {}

    static Rings trace(EdgeList list) {
        int[][] a = list.toArrays();
        int[] x0 = a[0], y0 = a[1], x1 = a[2], y1 = a[3];
        int n = x0.length;
        VertexIndex starts = new VertexIndex(x0, y0);
        boolean[] used = new boolean[n];
        int[] cycle = new int[16];
        int[] shell = null;
        List<int[]> holes = new ArrayList<>();
        for (int e0 = 0; e0 < n; e0++) {
            if (used[e0]) continue;
            int len = 0;
            int e = e0;
            do {
                if (used[e]) throw new IllegalStateException("boundary edges do not form rings at (" + x0[e] + ", " + y0[e] + ")");
                used[e] = true;
                if (len == cycle.length) cycle = java.util.Arrays.copyOf(cycle, 2 * len);
                cycle[len++] = e;
                e = next(e, x0, y0, x1, y1, starts);
            } while (e != e0);
            int[] ring = corners(cycle, len, x0, y0, x1, y1);
            double area2 = signedArea2(ring);
            if (area2 > 0) {
                if (shell != null) throw new IllegalStateException("an object with two outer rings");
                shell = ring;
            } else {
                holes.add(ring);
            }
        }
        if (shell == null) throw new IllegalStateException("an object without an outer ring");
        return new Rings(shell, holes);
    }

    /** The edge that follows {@code e}: the only one leaving its end, or at a saddle the one to the right. */
    private static int next(int e, int[] x0, int[] y0, int[] x1, int[] y1, VertexIndex starts) {
        int f = starts.first(x1[e], y1[e]);
        if (f < 0) throw new IllegalStateException("open boundary at (" + x1[e] + ", " + y1[e] + ")");
        int s = starts.second(f);
        if (s < 0) return f;
        int dx = Integer.signum(x1[e] - x0[e]), dy = Integer.signum(y1[e] - y0[e]);
        int rx = dy, ry = -dx; // right turn in the (x, y) plane
        if (Integer.signum(x1[f] - x0[f]) == rx && Integer.signum(y1[f] - y0[f]) == ry) return f;
        if (Integer.signum(x1[s] - x0[s]) == rx && Integer.signum(y1[s] - y0[s]) == ry) return s;
        throw new IllegalStateException("saddle without a right turn at (" + x1[e] + ", " + y1[e] + ")");
    }

    /** The ring's corners: start points of edges whose direction differs from the previous edge's. */
    private static int[] corners(int[] cycle, int len, int[] x0, int[] y0, int[] x1, int[] y1) {
        int[] out = new int[2 * len];
        int m = 0;
        int prev = cycle[len - 1];
        for (int k = 0; k < len; k++) {
            int e = cycle[k];
            boolean straight = Integer.signum(x1[prev] - x0[prev]) == Integer.signum(x1[e] - x0[e])
                    && Integer.signum(y1[prev] - y0[prev]) == Integer.signum(y1[e] - y0[e]);
            if (!straight) {
                out[m++] = x0[e];
                out[m++] = y0[e];
            }
            prev = e;
        }
        return java.util.Arrays.copyOf(out, m);
    }

    /** Twice the signed area (shoelace) of a ring of interleaved (x, y) corners. */
    static double signedArea2(int[] ring) {
        long sum = 0;
        int n = ring.length / 2;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            sum += (long) ring[2 * i] * ring[2 * j + 1] - (long) ring[2 * j] * ring[2 * i + 1];
        }
        return sum;
    }
}
