package org.aerolux.segmentation.vector;

import java.util.Objects;
import org.aerolux.segmentation.area.PixelAreaModel;

/**
 * Streams a uint8 label image, row by row from the top, into one {@link PixelObject} per 4-connected object.
 *
 * <p>Each row is cut into runs of equal labels; a run joins the objects of the runs above it that have the same
 * label and share at least one column (4-connectivity: pixels that touch only at a corner are separate objects).
 * Objects are union-find sets of runs, so a U-shape whose arms meet many rows later becomes one object then. Each
 * object collects its boundary edges as rows pass: the vertical sides of its runs and the horizontal pieces where
 * the label above or below differs. An object is complete, traced into rings ({@link RingTracer}) and handed to the
 * sink as soon as a row has no run of it, since no later row can touch it.
 *
 * <p>Memory: two rows of runs, plus the open objects with their edges so far; never the image. Band borders do not
 * exist here: rows may arrive in bands of any height, and the output is the same.
 */
public final class LabelPolygonizer {

    /** Receives each complete object. */
    @FunctionalInterface
    public interface ObjectSink {
        void accept(PixelObject object);
    }

    private final int width;
    private final int height;
    private final boolean[] objectLabel;
    private final long minPixels;
    private final PixelAreaModel area;
    private final ObjectSink sink;

    private int[] prevStart, prevEnd, curStart, curEnd;
    private byte[] prevLabel, curLabel;
    private OpenObject[] prevObj, curObj;
    private int nPrev, nCur;
    private final byte[] prevRow;
    private int nextRow;
    private boolean finished;

    private int open;
    private int peakOpen;
    private long emitted;
    private long dropped;

    /**
     * @param width        image width
     * @param height       image height
     * @param objectLabels 256 flags: which label values form objects (others, such as nodata or background, do not)
     * @param minPixels    objects with fewer pixels are dropped (counted in {@link #droppedObjects()})
     * @param area         pixel areas, summed into each object's area
     * @param sink         receives the objects, in the order they complete
     */
    public LabelPolygonizer(int width, int height, boolean[] objectLabels, long minPixels, PixelAreaModel area,
                            ObjectSink sink) {
        if (width < 1 || height < 1) throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        if (objectLabels.length != 256) throw new IllegalArgumentException("need 256 label flags");
        this.width = width;
        this.height = height;
        this.objectLabel = objectLabels.clone();
        this.minPixels = Math.max(1, minPixels);
        this.area = Objects.requireNonNull(area);
        this.sink = Objects.requireNonNull(sink);
        int maxRuns = width;
        prevStart = new int[maxRuns];
        prevEnd = new int[maxRuns];
        curStart = new int[maxRuns];
        curEnd = new int[maxRuns];
        prevLabel = new byte[maxRuns];
        curLabel = new byte[maxRuns];
        prevObj = new OpenObject[maxRuns];
        curObj = new OpenObject[maxRuns];
        prevRow = new byte[width];
    }

    /** Adds {@code rows} rows from {@code labels} (row-major, {@code width} bytes a row); {@code y0} must be {@link #nextRow()}. */
    public void acceptRows(int y0, byte[] labels, int rows) {
        acceptRows(y0, labels, 0, rows);
    }

    /** Same, reading from {@code offset} in {@code labels}. */
    public void acceptRows(int y0, byte[] labels, int offset, int rows) {
        if (finished) throw new IllegalStateException("already finished");
        if (y0 != nextRow) throw new IllegalArgumentException("rows must come in order: expected row " + nextRow + ", got " + y0);
        if (rows < 0 || y0 + (long) rows > height)
            throw new IllegalArgumentException("rows " + y0 + ".." + (y0 + rows - 1) + " outside the image height " + height);
        if (offset < 0 || labels.length - (long) offset < (long) width * rows)
            throw new IllegalArgumentException("need " + (long) width * rows + " labels from offset " + offset + ", have "
                    + (labels.length - offset));
        for (int r = 0; r < rows; r++) row(y0 + r, labels, offset + r * width);
        nextRow = y0 + rows;
    }

    /** Completes the last objects; all rows must have been given. */
    public void finish() {
        if (finished) return;
        if (nextRow != height) throw new IllegalStateException("only " + nextRow + " of " + height + " rows were given");
        // bottom edges of the last row, then every object still open is complete
        for (int i = 0; i < nPrev; i++) {
            OpenObject o = prevObj[i].find();
            o.edges.add(prevEnd[i], height, prevStart[i], height);
        }
        for (int i = 0; i < nPrev; i++) {
            OpenObject o = prevObj[i].find();
            if (!o.emitted) emit(o);
        }
        nPrev = 0;
        finished = true;
    }

    /** The next row expected. */
    public int nextRow() { return nextRow; }

    /** Objects handed to the sink. */
    public long emittedObjects() { return emitted; }

    /** Objects dropped for having fewer than the minimum pixels. */
    public long droppedObjects() { return dropped; }

    /** Objects open now. */
    public int openObjects() { return open; }

    /** The most objects open at once after any row: what memory grows with, besides the width. */
    public int peakOpenObjects() { return peakOpen; }

    private void row(int y, byte[] labels, int off) {
        // 1. runs of object labels
        int n = 0;
        for (int x = 0; x < width; ) {
            byte v = labels[off + x];
            int e = x + 1;
            while (e < width && labels[off + e] == v) e++;
            if (objectLabel[v & 0xff]) {
                curStart[n] = x;
                curEnd[n] = e;
                curLabel[n] = v;
                curObj[n] = null;
                n++;
            }
            x = e;
        }
        nCur = n;

        // 2. join runs that share a column with a run of the same label above
        for (int i = 0, j = 0; i < nPrev && j < nCur; ) {
            if (prevStart[i] < curEnd[j] && curStart[j] < prevEnd[i] && prevLabel[i] == curLabel[j]) {
                if (curObj[j] == null) {
                    curObj[j] = prevObj[i].find();
                } else if (curObj[j].find() != prevObj[i].find()) {
                    curObj[j] = OpenObject.union(curObj[j], prevObj[i]);
                    open--;
                }
            }
            if (prevEnd[i] < curEnd[j]) i++;
            else if (prevEnd[i] > curEnd[j]) j++;
            else {
                i++;
                j++;
            }
        }
        for (int j = 0; j < nCur; j++) {
            if (curObj[j] == null) {
                curObj[j] = new OpenObject(curLabel[j], y);
                open++;
            }
        }
        for (int j = 0; j < nCur; j++) {
            OpenObject o = curObj[j].find();
            curObj[j] = o;
            o.lastRow = y;
        }

        // 3. edges on the line y between the rows, sides of the new runs, pixels and areas
        for (int i = 0; i < nPrev; i++) {
            OpenObject o = prevObj[i].find();
            byte v = prevLabel[i];
            int x = prevStart[i], end = prevEnd[i];
            while (x < end) {
                if (labels[off + x] == v) { x++; continue; }
                int s = x;
                while (x < end && labels[off + x] != v) x++;
                o.edges.add(x, y, s, y); // bottom of the run above: leftwards
            }
        }
        boolean uniform = area.isUniform();
        for (int j = 0; j < nCur; j++) {
            OpenObject o = curObj[j];
            byte v = curLabel[j];
            int s0 = curStart[j], end = curEnd[j];
            if (y == 0) {
                o.edges.add(s0, 0, end, 0);
            } else {
                int x = s0;
                while (x < end) {
                    if (prevRow[x] == v) { x++; continue; }
                    int s = x;
                    while (x < end && prevRow[x] != v) x++;
                    o.edges.add(s, y, x, y); // top of the run: rightwards
                }
            }
            o.edges.add(s0, y + 1, s0, y); // left side: upwards
            o.edges.add(end, y, end, y + 1); // right side: downwards
            o.pixels += end - s0;
            if (!uniform) o.areaM2 += area.runAreaM2(s0, end, y);
        }

        // 4. objects of the row above that no run of this row continues are complete
        for (int i = 0; i < nPrev; i++) {
            OpenObject o = prevObj[i].find();
            if (o.lastRow != y && !o.emitted) emit(o);
        }

        // 5. this row becomes the previous one (drop references to objects that are gone)
        java.util.Arrays.fill(prevObj, 0, nPrev, null);
        int[] ti = prevStart; prevStart = curStart; curStart = ti;
        ti = prevEnd; prevEnd = curEnd; curEnd = ti;
        byte[] tb = prevLabel; prevLabel = curLabel; curLabel = tb;
        OpenObject[] to = prevObj; prevObj = curObj; curObj = to;
        nPrev = nCur;
        nCur = 0;
        System.arraycopy(labels, off, prevRow, 0, width);
        if (open > peakOpen) peakOpen = open;
    }

    private void emit(OpenObject o) {
        o.emitted = true;
        open--;
        if (o.pixels < minPixels) {
            dropped++;
            return;
        }
        RingTracer.Rings rings = RingTracer.trace(o.edges);
        double a = area.isUniform() ? o.pixels * area.pixelAreaM2(0, 0) : o.areaM2;
        PixelObject po = new PixelObject(o.label & 0xff, o.pixels, a, rings.shell(), rings.holes(), o.firstRow, o.lastRow);
        emitted++;
        sink.accept(po);
    }
}
