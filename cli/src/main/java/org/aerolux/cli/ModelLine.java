package org.aerolux.cli;

import org.aerolux.core.model.ResolvedModel;
import org.aerolux.segmentation.Segmenter;

/** The one line a command prints about the model it runs: name, where it came from, device and why. */
final class ModelLine {
    private ModelLine() {}

    static String describe(Segmenter s) {
        ResolvedModel r = s.resolved().orElse(null);
        String origin = r == null ? "" : r.verified() ? " (registry, sha256 verified)" : " (" + r.file() + ", not in the registry)";
        return "model " + s.model().card().name() + origin + " runs on " + s.model().device().summary();
    }
}
