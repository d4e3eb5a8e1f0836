package org.aerolux.segmentation.vector;

/**
 * A connected object still being scanned: a union-find node (only roots hold data) with its class, pixel count,
 * area and boundary edges so far.
 */
final class OpenObject {
    final int label;
    OpenObject parent = this;
    long pixels;
    double areaM2;
    int firstRow;
    int lastRow;
    boolean emitted;
    final EdgeList edges = new EdgeList();

    OpenObject(int label, int row) {
        this.label = label;
        this.firstRow = row;
        this.lastRow = row;
    }

    /** The root of this node's set, compressing the path on the way. */
    OpenObject find() {
        OpenObject r = this;
        while (r.parent != r) r = r.parent;
        OpenObject n = this;
        while (n.parent != r) {
            OpenObject next = n.parent;
            n.parent = r;
            n = next;
        }
        return r;
    }

    /** Joins the sets of {@code a} and {@code b} and returns the root; the bigger object absorbs the smaller. */
    static OpenObject union(OpenObject a, OpenObject b) {
        OpenObject ra = a.find(), rb = b.find();
        if (ra == rb) return ra;
        if (ra.edges.size() < rb.edges.size()) {
            OpenObject t = ra;
            ra = rb;
            rb = t;
        }
        rb.parent = ra;
        ra.pixels += rb.pixels;
        ra.areaM2 += rb.areaM2;
        ra.firstRow = Math.min(ra.firstRow, rb.firstRow);
        ra.lastRow = Math.max(ra.lastRow, rb.lastRow);
        ra.edges.takeAll(rb.edges);
        return ra;
    }
}
