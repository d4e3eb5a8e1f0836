package org.aerolux.core.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.aerolux.core.AeroLuxException;
import org.aerolux.core.DeviceException;
import org.aerolux.core.ModelException;
import org.aerolux.core.model.DeviceReport;
import org.aerolux.core.model.DeviceRequest;
import org.aerolux.core.model.ModelCard;
import org.aerolux.core.model.ModelCardParser;
import org.aerolux.core.model.ModelIo;
import org.aerolux.core.model.OnnxModelFile;
import org.aerolux.core.model.ResolvedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads an ONNX model for the engine: reads and checks the card and the declared shapes (no ONNX Runtime
 * needed for that), then opens it with DJL's OnnxRuntime engine on the requested device. Every failure is a
 * typed {@link AeroLuxException}: {@link ModelException} (exit 4) for a bad file or card, {@link DeviceException}
 * (exit 5) when {@code gpu} was asked for and CUDA cannot be used. With {@code auto}, a CUDA provider that does
 * not load means CPU, and the report says why. The device is logged once per load.
 */
public final class OnnxModelLoader {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxModelLoader.class);

    private OnnxModelLoader() {}

    /** Loads a resolved (registry-checked) model. */
    public static OnnxRuntimeModel load(ResolvedModel model, InferenceOptions options) {
        return load(model.file(), options);
    }

    /** Loads an ONNX file with the card from its metadata and sidecar. */
    public static OnnxRuntimeModel load(Path file, InferenceOptions options) {
        OnnxModelFile parsed = OnnxModelFile.read(file);
        ModelCard card = ModelCardParser.read(file, parsed);
        return load(file, parsed, card, options);
    }

    /** Loads an ONNX file with a card given by the caller (checked against the file's shapes). */
    public static OnnxRuntimeModel load(Path file, ModelCard card, InferenceOptions options) {
        return load(file, OnnxModelFile.read(file), card, options);
    }

    private static OnnxRuntimeModel load(Path file, OnnxModelFile parsed, ModelCard card, InferenceOptions options) {
        ModelIo io = ModelIo.check(file, parsed, card);
        Djl.ensureOffline();
        DeviceRequest request = options.device();
        String runtime = runtime(file);
        OpenedModel opened = switch (request.kind()) {
            case CPU -> openCpu(file, card, options, "cpu requested");
            case GPU -> openGpuStrict(file, card, options);
            case AUTO -> openAuto(file, card, options);
        };
        DeviceReport report = new DeviceReport(request, opened.device, opened.provider, opened.reason, runtime,
                options.intraOpThreads());
        LOG.info("model {} ({}) runs on {}", card.name(), file.getFileName(), report.summary());
        return new OnnxRuntimeModel(file, card, io, report, opened.djlModel, opened.sessionOptions);
    }

    private record OpenedModel(ai.djl.Model djlModel, SessionOptions sessionOptions, String device, String provider,
                               String reason) {}

    private static OpenedModel openCpu(Path file, ModelCard card, InferenceOptions options, String reason) {
        SessionOptions so = newCpuOptions(file, options);
        try {
            return new OpenedModel(openWithDjl(file, card, so), so, "cpu", "CPUExecutionProvider", reason);
        } catch (RuntimeException e) {
            so.close();
            throw e;
        }
    }

    private static OpenedModel openGpuStrict(Path file, ModelCard card, InferenceOptions options) {
        int id = options.device().cudaDevice();
        SessionOptions so = newCpuOptions(file, options);
        try {
            String unavailable = addCuda(so, id, options.cuda());
            if (unavailable != null)
                throw new DeviceException(file, "--device " + options.device() + ": CUDA device " + id + " cannot be used: "
                        + unavailable + " (use --device auto or cpu)");
            ai.djl.Model m;
            try {
                m = openWithDjl(file, card, so);
            } catch (ModelException e) {
                probeOnCpu(file, card, options); // a model broken on CPU too is a model error, not a device error
                throw new DeviceException(file, "--device " + options.device() + ": the model does not load on CUDA device "
                        + id + ": " + e.getMessage() + " (use --device auto or cpu)", e);
            }
            return new OpenedModel(m, so, "gpu:" + id, "CUDAExecutionProvider", options.device() + " requested ("
                    + options.cuda().summary() + ")");
        } catch (RuntimeException e) {
            so.close();
            throw e;
        }
    }

    private static OpenedModel openAuto(Path file, ModelCard card, InferenceOptions options) {
        int id = options.device().cudaDevice();
        SessionOptions so = newCpuOptions(file, options);
        String unavailable = addCuda(so, id, options.cuda());
        if (unavailable == null) {
            try {
                return new OpenedModel(openWithDjl(file, card, so), so, "gpu:" + id, "CUDAExecutionProvider",
                        "auto: CUDA execution provider loaded (" + options.cuda().summary() + ")");
            } catch (ModelException e) {
                unavailable = "the model did not load with CUDA: " + e.getMessage();
            }
        }
        so.close();
        return openCpu(file, card, options, "auto: " + unavailable + "; running on CPU");
    }

    private static void probeOnCpu(Path file, ModelCard card, InferenceOptions options) {
        OpenedModel cpu = openCpu(file, card, options, "probe");
        cpu.djlModel.close();
        cpu.sessionOptions.close();
    }

    /** Adds CUDA; returns null on success, else why it is unavailable. */
    private static String addCuda(SessionOptions so, int deviceId, CudaOptions cuda) {
        boolean listed;
        try {
            listed = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
        } catch (RuntimeException | LinkageError e) {
            listed = false;
        }
        try {
            SessionOptionsFactory.addCuda(so, deviceId, cuda);
            return null;
        } catch (OrtException | RuntimeException | LinkageError e) {
            String why = OrtMessages.oneLine(e);
            return listed ? "CUDA execution provider did not load (" + why + ")"
                    : "this ONNX Runtime build has no CUDA execution provider (" + why
                    + "; the GPU build comes with the Maven profile -Pgpu)";
        }
    }

    private static SessionOptions newCpuOptions(Path file, InferenceOptions options) {
        try {
            return SessionOptionsFactory.cpu(options.intraOpThreads());
        } catch (OrtException | RuntimeException | LinkageError e) {
            throw new DeviceException(file, "ONNX Runtime cannot start: " + OrtMessages.oneLine(e), e);
        }
    }

    /** Opens the file with DJL's OnnxRuntime engine using our session options (never a custom-op library). */
    private static ai.djl.Model openWithDjl(Path file, ModelCard card, SessionOptions so) {
        ai.djl.Model model;
        try {
            model = ai.djl.Model.newInstance(card.name(), Device.cpu(), Djl.ENGINE);
        } catch (RuntimeException | LinkageError e) {
            throw new DeviceException(file, "the ONNX Runtime engine cannot start: " + OrtMessages.oneLine(e), e);
        }
        try {
            model.load(file, null, Map.of("sessionOptions", so));
            return model;
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            throw new ModelException(file, "ONNX Runtime cannot load the model: " + OrtMessages.oneLine(e), e);
        }
    }

    private static String runtime(Path file) {
        try {
            Djl.engine();
            return Djl.runtimeDescription();
        } catch (RuntimeException | LinkageError e) {
            throw new DeviceException(file, "the ONNX Runtime engine cannot start: " + OrtMessages.oneLine(e), e);
        }
    }
}
