package org.aerolux.core.model;

import java.util.List;

/**
 * A graph input or output as the ONNX file declares it.
 *
 * @param name     tensor name
 * @param elemType ONNX element type (1 = float32), 0 when not declared
 * @param dims     one entry per axis: the size, or -1 for a dynamic (named or unknown) axis; empty when the
 *                 file declares no shape at all
 * @param dimNames one entry per axis: the symbolic name of a dynamic axis, or "" (same length as dims)
 */
public record TensorSpec(String name, int elemType, List<Long> dims, List<String> dimNames) {
    /** ONNX TensorProto.DataType FLOAT. */
    public static final int FLOAT = 1;

    public TensorSpec {
        dims = List.copyOf(dims);
        dimNames = List.copyOf(dimNames);
        if (dims.size() != dimNames.size()) throw new IllegalArgumentException("dims and dimNames differ in length");
    }

    public int rank() { return dims.size(); }

    /** True when axis {@code i} has a fixed size. */
    public boolean isFixed(int i) { return dims.get(i) >= 0; }

    /** Shape as text, e.g. {@code [N, 3, H, W]}. */
    public String shapeText() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.size(); i++) {
            if (i > 0) sb.append(", ");
            if (dims.get(i) >= 0) sb.append(dims.get(i));
            else sb.append(dimNames.get(i).isEmpty() ? "?" : dimNames.get(i));
        }
        return sb.append(']').toString();
    }
}
