package org.aerolux.cli;

import org.aerolux.segmentation.VectorOutputFactory;

/** The vector output of this build ({@code --outputs vectors}). */
final class Vectors {
    private Vectors() {}

    /** The factory of STEM_objects.geojson writers, or null while the vector module is not part of the build. */
    static VectorOutputFactory factory() { return null; }
}
