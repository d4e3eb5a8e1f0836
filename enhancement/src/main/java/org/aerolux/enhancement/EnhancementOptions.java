package org.aerolux.enhancement;

import java.util.Optional;
import java.util.OptionalInt;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.tile.Blender;

/**
 * The parameters of an {@link Enhancer}, as given (empty = the default), for provenance.
 *
 * @param model      registry name or .onnx path (empty when a loaded model was handed over)
 * @param bands      1-based bands in model order, empty for the default (grey 1,1,1; colour 1,2,3)
 * @param mode       auto, whole or tiled
 * @param tile       tile edge in tiled mode (default: the card's)
 * @param overlap    tile overlap (default: the card's)
 * @param blender    tile blending in tiled mode
 * @param batch      tiles per model call in tiled mode
 * @param device     auto, cpu, gpu or gpu:N
 * @param threads    ONNX Runtime intra-op threads (0 = all cores)
 * @param budget     the memory budget
 * @param range      the user's value range, empty for the default
 * @param gapProbe   probe edge: -1 auto (two tile strides), 0 off, else pixels
 */
public record EnhancementOptions(Optional<String> model, Optional<int[]> bands, EnhancementMode mode, OptionalInt tile,
                                 OptionalInt overlap, Blender blender, int batch, DeviceRequest device, int threads,
                                 MemoryBudget budget, Optional<ValueRange> range, int gapProbe) {}
