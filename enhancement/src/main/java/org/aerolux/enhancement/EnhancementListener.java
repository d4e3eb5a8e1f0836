package org.aerolux.enhancement;

import org.aerolux.core.pipeline.ProgressEvent;

/** Hears what an enhancement is doing: a phase at a time, and tile progress within the model passes. */
public interface EnhancementListener {
    EnhancementListener NONE = new EnhancementListener() {};

    /** A new phase begins, e.g. "value range", "whole image", "tiles", "tiled-vs-whole probe". */
    default void phase(String name) {}

    /** Tile progress of the current model pass. */
    default void progress(ProgressEvent event) {}
}
