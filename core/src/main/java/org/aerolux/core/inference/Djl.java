package org.aerolux.core.inference;

import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;

/**
 * DJL's ONNX Runtime engine, always offline: {@code ai.djl.offline=true} is set here, before any DJL class
 * initialises, so DJL never calls home or downloads anything (the command line sets it as well).
 */
final class Djl {
    static final String ENGINE = "OnnxRuntime";

    static {
        System.setProperty("ai.djl.offline", "true");
    }

    private Djl() {}

    /** Makes sure the offline switch is set (it is, once this class is initialised). */
    static void ensureOffline() {
        System.setProperty("ai.djl.offline", "true");
    }

    static Engine engine() {
        ensureOffline();
        return Engine.getEngine(ENGINE);
    }

    /** E.g. "ONNX Runtime 1.29.0 via DJL 0.38.0". */
    static String runtimeDescription() {
        String ort;
        try {
            ort = OrtEnvironment.getEnvironment().getVersion();
        } catch (RuntimeException | LinkageError e) {
            ort = "?";
        }
        return "ONNX Runtime " + ort + " via DJL " + Engine.getDjlVersion();
    }
}
