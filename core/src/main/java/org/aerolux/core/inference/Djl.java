package org.aerolux.core.inference;

import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;

/**
 * DJL's ONNX Runtime engine, offline: {@code ai.djl.offline=true} is set here, before any DJL class initialises, so
 * DJL never calls home or downloads anything (models and the ONNX Runtime library come from disk). The property is
 * set only when nothing else set it: a user's {@code -Dai.djl.offline=false}, or another Fiji plugin's own choice,
 * is left alone (DJL reads one JVM-wide property).
 */
final class Djl {
    static final String ENGINE = "OnnxRuntime";
    /** DJL's switch (ai.djl.util.Utils#isOfflineMode). */
    static final String OFFLINE = "ai.djl.offline";

    static {
        ensureOffline();
    }

    private Djl() {}

    /** Sets {@code ai.djl.offline=true} unless the property is already set (to any value). */
    static void ensureOffline() {
        if (System.getProperty(OFFLINE) == null) System.setProperty(OFFLINE, "true");
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
