package org.aerolux.enhancement;

import org.aerolux.core.model.ModelCard;
import org.aerolux.core.model.ModelCardParser;
import org.aerolux.core.model.OnnxModelFile;

/** cue-demo's card, read from the ONNX file without starting ONNX Runtime. */
final class CueCard {
    private CueCard() {}

    static ModelCard card() {
        return ModelCardParser.read(CueFixtures.model(), OnnxModelFile.read(CueFixtures.model()));
    }
}
