package org.aerolux.core.model;

import java.nio.file.Path;
import org.aerolux.core.ModelException;

/**
 * The model's input and output as the engine uses them, checked against the card before any tile runs.
 *
 * @param inputName      name of the single input
 * @param outputName     name of the output used (the first)
 * @param inputChannels  channels of the input (= number of input bands of the card)
 * @param outputChannels channels of the output (fixed in the file, or implied by the card)
 * @param fixedBatch     the batch size the file fixes, or 0 when dynamic
 * @param fixedSize      the height and width the file fixes (square), or 0 when dynamic
 */
public record ModelIo(String inputName, String outputName, int inputChannels, int outputChannels, int fixedBatch,
                      int fixedSize) {
    static final int MAX_FIXED_BATCH = 1024;

    /**
     * Checks the declared shapes: one float input and a float output, both rank 4 (NCHW), input channels equal
     * to the card's input bands, output channels equal to its classes (or bands, for an image), height and
     * width dynamic or fixed to a square the card's tile size equals. Dynamic axes are allowed everywhere.
     *
     * @throws ModelException naming the problem
     */
    public static ModelIo check(Path file, OnnxModelFile model, ModelCard card) {
        TensorSpec in = model.singleInput(file);
        if (model.outputs().isEmpty()) throw new ModelException(file, "the model declares no output");
        TensorSpec out = model.outputs().get(0);
        requireFloat(file, "input", in);
        requireFloat(file, "output", out);
        requireNchw(file, "input", in);
        requireNchw(file, "output", out);
        int bands = card.bandCount();
        if (in.isFixed(1) && in.dims().get(1) != bands)
            throw new ModelException(file, "model input '" + in.name() + "' " + in.shapeText() + " has " + in.dims().get(1)
                    + " channels but the card lists " + bands + " input bands (" + ModelCardParser.INPUT_BANDS + ")");
        int expectedOut = card.expectedOutputChannels();
        String what = card.output() == OutputKind.IMAGE ? "input bands (an image output)"
                : card.isBinary() ? "channel: a single-channel (sigmoid) model of the classes " + String.join(" and ", card.classNames())
                : "classes (" + ModelCardParser.CLASSES + ")";
        if (out.isFixed(1) && out.dims().get(1) != expectedOut)
            throw new ModelException(file, "model output '" + out.name() + "' " + out.shapeText() + " has " + out.dims().get(1)
                    + " channels but the card lists " + expectedOut + " " + what);
        if (in.isFixed(0) && out.isFixed(0) && !in.dims().get(0).equals(out.dims().get(0)))
            throw new ModelException(file, "model input and output batch sizes differ: " + in.shapeText() + " -> " + out.shapeText());
        int fixedBatch = in.isFixed(0) ? (int) Math.min(Integer.MAX_VALUE, in.dims().get(0)) : 0;
        if (in.isFixed(0) && (fixedBatch < 1 || fixedBatch > MAX_FIXED_BATCH))
            throw new ModelException(file, "model input '" + in.name() + "' fixes an unusable batch size " + in.dims().get(0));
        int fixedSize = 0;
        if (in.isFixed(2) || in.isFixed(3)) {
            if (!in.isFixed(2) || !in.isFixed(3) || !in.dims().get(2).equals(in.dims().get(3)))
                throw new ModelException(file, "model input '" + in.name() + "' " + in.shapeText()
                        + " fixes a non-square or partly fixed size; AeroLux tiles need square or dynamic height and width");
            fixedSize = (int) Math.min(Integer.MAX_VALUE, in.dims().get(2));
            if (fixedSize != card.tileSize())
                throw new ModelException(file, "model input '" + in.name() + "' " + in.shapeText() + " takes " + fixedSize + "x"
                        + fixedSize + " tiles but the card says " + ModelCardParser.TILE_SIZE + " " + card.tileSize());
        }
        for (int axis = 2; axis <= 3; axis++) {
            if (out.isFixed(axis) && in.isFixed(axis) && !out.dims().get(axis).equals(in.dims().get(axis)))
                throw new ModelException(file, "model output " + out.shapeText() + " differs in size from its input " + in.shapeText()
                        + "; AeroLux needs outputs of the input's height and width");
        }
        return new ModelIo(in.name(), out.name(), bands, out.isFixed(1) ? (int) (long) out.dims().get(1) : expectedOut,
                fixedBatch, fixedSize);
    }

    private static void requireFloat(Path file, String role, TensorSpec t) {
        if (t.elemType() != TensorSpec.FLOAT && t.elemType() != 0)
            throw new ModelException(file, "model " + role + " '" + t.name() + "' has ONNX element type " + t.elemType()
                    + "; AeroLux needs float32 (type 1)");
    }

    private static void requireNchw(Path file, String role, TensorSpec t) {
        if (t.rank() != 4)
            throw new ModelException(file, "model " + role + " '" + t.name() + "' has rank " + t.rank()
                    + (t.rank() > 0 ? " (shape " + t.shapeText() + ")" : " (no declared shape)")
                    + "; AeroLux needs rank 4, NCHW (batch, channels, height, width)");
    }
}
