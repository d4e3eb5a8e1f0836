package org.aerolux.segmentation;

import com.google.gson.JsonObject;

/**
 * Receives the label image band by band, top to bottom (the seam for the vector output). Labels are class
 * indices, {@link SegmentationConsumer#NODATA_LABEL} for nodata.
 */
public interface LabelRowsConsumer extends AutoCloseable {
    /** Rows {@code [y0, y0 + rows)} of the label image, {@code labels[r * width + x]}. */
    void acceptRows(int y0, byte[] labels, int rows);

    /** All rows delivered: makes the output final and returns facts for the provenance file. */
    JsonObject finish();

    /** Releases resources; without a prior {@link #finish()} removes any partial output. */
    @Override
    void close();
}
