package org.aerolux.core.model;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aerolux.core.ModelException;

/**
 * What AeroLux needs from an ONNX file, read without ONNX Runtime by a small hand-written protobuf reader:
 * the {@code metadata_props} (ModelProto field 14, the model card) and the declared graph inputs and outputs
 * (initializers excluded, as ONNX Runtime does). Weights are skipped, never loaded. Corrupt, truncated or
 * foreign files give a {@link ModelException}; nothing else escapes.
 *
 * @param irVersion ONNX IR version (0 when absent)
 * @param producer  producer name and version, e.g. "pytorch 1.13.1"
 * @param metadata  the metadata_props, in file order (a repeated key keeps its last value)
 * @param inputs    graph inputs that are not initializers
 * @param outputs   graph outputs
 */
public record OnnxModelFile(long irVersion, String producer, Map<String, String> metadata,
                            List<TensorSpec> inputs, List<TensorSpec> outputs) {
    static final int MAX_STRING_BYTES = 1 << 20;
    static final int MAX_NAME_BYTES = 1 << 16;
    static final int MAX_METADATA_ENTRIES = 10_000;
    static final int MAX_VALUE_INFOS = 100_000;
    static final int MAX_DIMS = 64;

    // ModelProto
    private static final int MODEL_IR_VERSION = 1, MODEL_PRODUCER_NAME = 2, MODEL_PRODUCER_VERSION = 3,
            MODEL_GRAPH = 7, MODEL_METADATA_PROPS = 14;
    // GraphProto
    private static final int GRAPH_INITIALIZER = 5, GRAPH_INPUT = 11, GRAPH_OUTPUT = 12, GRAPH_SPARSE_INITIALIZER = 15;

    public OnnxModelFile {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** Reads a file; a missing, unreadable or non-ONNX file is a {@link ModelException} naming it. */
    public static OnnxModelFile read(Path file) {
        if (!Files.exists(file)) throw new ModelException(file, "model file not found");
        if (!Files.isRegularFile(file)) throw new ModelException(file, "not a regular file");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             ByteInput in = ByteInput.of(channel)) {
            return parse(file, in);
        } catch (NoSuchFileException e) {
            throw new ModelException(file, "model file not found");
        } catch (IOException e) {
            throw new ModelException(file, "cannot read the model file: " + e.getMessage(), e);
        }
    }

    /** Parses bytes held in memory ({@code file} only names them in errors; may be null). */
    public static OnnxModelFile parse(Path file, byte[] bytes) {
        try {
            return parse(file, ByteInput.of(bytes));
        } catch (IOException e) {
            throw new ModelException(file, "cannot read the model: " + e.getMessage(), e);
        }
    }

    private static OnnxModelFile parse(Path file, ByteInput in) throws IOException {
        long size = in.size();
        if (size == 0) throw new ModelException(file, "not an ONNX model: the file is empty");
        try {
            return new Parser(new ProtoReader(in, 0, size)).model();
        } catch (MalformedProtoException e) {
            throw new ModelException(file, "not an ONNX model (corrupt or truncated protobuf: " + e.getMessage() + ")");
        }
    }

    /** The input the engine feeds, i.e. the only one (an error when there are none or several). */
    public TensorSpec singleInput(Path file) {
        if (inputs.size() != 1)
            throw new ModelException(file, "the model has " + inputs.size() + " inputs; AeroLux needs exactly one NCHW image input");
        return inputs.get(0);
    }

    private static final class Parser {
        private final ProtoReader r;

        Parser(ProtoReader r) { this.r = r; }

        OnnxModelFile model() throws IOException, MalformedProtoException {
            long irVersion = 0;
            String producerName = "", producerVersion = "";
            Map<String, String> metadata = new LinkedHashMap<>();
            List<TensorSpec> inputs = new ArrayList<>(), outputs = new ArrayList<>();
            Set<String> initializers = new HashSet<>();
            boolean graphSeen = false;
            int metadataEntries = 0;
            while (!r.atEnd()) {
                int tag = r.readTag();
                switch (ProtoReader.fieldNumber(tag)) {
                    case MODEL_IR_VERSION -> {
                        r.expectWireType(tag, ProtoReader.VARINT, "ir_version");
                        irVersion = r.readVarint();
                    }
                    case MODEL_PRODUCER_NAME -> {
                        r.expectWireType(tag, ProtoReader.LENGTH_DELIMITED, "producer_name");
                        producerName = r.readString(MAX_NAME_BYTES);
                    }
                    case MODEL_PRODUCER_VERSION -> {
                        r.expectWireType(tag, ProtoReader.LENGTH_DELIMITED, "producer_version");
                        producerVersion = r.readString(MAX_NAME_BYTES);
                    }
                    case MODEL_GRAPH -> {
                        r.expectWireType(tag, ProtoReader.LENGTH_DELIMITED, "graph");
                        graph(inputs, outputs, initializers);
                        graphSeen = true;
                    }
                    case MODEL_METADATA_PROPS -> {
                        r.expectWireType(tag, ProtoReader.LENGTH_DELIMITED, "metadata_props");
                        if (++metadataEntries > MAX_METADATA_ENTRIES) throw r.corrupt("more than " + MAX_METADATA_ENTRIES + " metadata entries");
                        metadataEntry(metadata);
                    }
                    default -> r.skipField(tag);
                }
            }
            if (!graphSeen) throw r.corrupt("no graph");
            List<TensorSpec> realInputs = inputs.stream().filter(t -> !initializers.contains(t.name())).toList();
            String producer = (producerName + " " + producerVersion).trim();
            return new OnnxModelFile(irVersion, producer, metadata, realInputs, outputs);
        }

        private void metadataEntry(Map<String, String> metadata) throws IOException, MalformedProtoException {
            long old = r.enterMessage();
            String key = "", value = "";
            while (!r.atEnd()) {
                int tag = r.readTag();
                switch (ProtoReader.fieldNumber(tag)) {
                    case 1 -> {
                        r.expectWireType(tag, ProtoReader.LENGTH_DELIMITED, "metadata key");
                        key = r.readString(MAX_NAME_BYTES);
                    }
                    case 2 -> {
                        r.expectWireType(tag, ProtoReader.LENGTH_DELIMITED, "metadata value");
                        value = r.readString(MAX_STRING_BYTES);
                    }
                    default -> r.skipField(tag);
                }
            }
            r.popLimit(old);
            metadata.put(key, value);
        }

        private void graph(List<TensorSpec> inputs, List<TensorSpec> outputs, Set<String> initializers)
                throws IOException, MalformedProtoException {
            long old = r.enterMessage();
            while (!r.atEnd()) {
                int tag = r.readTag();
                int field = ProtoReader.fieldNumber(tag);
                if (field == GRAPH_INPUT || field == GRAPH_OUTPUT) {
                    r.expectWireType(tag, ProtoReader.LENGTH_DELIMITED, field == GRAPH_INPUT ? "graph input" : "graph output");
                    List<TensorSpec> target = field == GRAPH_INPUT ? inputs : outputs;
                    if (target.size() >= MAX_VALUE_INFOS) throw r.corrupt("too many graph inputs or outputs");
                    target.add(valueInfo());
                } else if (field == GRAPH_INITIALIZER) {
                    r.expectWireType(tag, ProtoReader.LENGTH_DELIMITED, "initializer");
                    initializers.add(tensorName());
                } else if (field == GRAPH_SPARSE_INITIALIZER) {
                    r.expectWireType(tag, ProtoReader.LENGTH_DELIMITED, "sparse initializer");
                    initializers.add(sparseTensorName());
                } else {
                    r.skipField(tag);
                }
            }
            r.popLimit(old);
        }

        /** TensorProto: only its name (field 8); the data fields are skipped. */
        private String tensorName() throws IOException, MalformedProtoException {
            long old = r.enterMessage();
            String name = "";
            while (!r.atEnd()) {
                int tag = r.readTag();
                if (ProtoReader.fieldNumber(tag) == 8 && ProtoReader.wireType(tag) == ProtoReader.LENGTH_DELIMITED)
                    name = r.readString(MAX_NAME_BYTES);
                else r.skipField(tag);
            }
            r.popLimit(old);
            return name;
        }

        /** SparseTensorProto: the name of its values tensor (field 1). */
        private String sparseTensorName() throws IOException, MalformedProtoException {
            long old = r.enterMessage();
            String name = "";
            while (!r.atEnd()) {
                int tag = r.readTag();
                if (ProtoReader.fieldNumber(tag) == 1 && ProtoReader.wireType(tag) == ProtoReader.LENGTH_DELIMITED)
                    name = tensorName();
                else r.skipField(tag);
            }
            r.popLimit(old);
            return name;
        }

        /** ValueInfoProto: name (1) and type (2). */
        private TensorSpec valueInfo() throws IOException, MalformedProtoException {
            long old = r.enterMessage();
            String name = "";
            TensorType type = new TensorType(0, List.of(), List.of());
            while (!r.atEnd()) {
                int tag = r.readTag();
                int field = ProtoReader.fieldNumber(tag);
                if (field == 1 && ProtoReader.wireType(tag) == ProtoReader.LENGTH_DELIMITED) name = r.readString(MAX_NAME_BYTES);
                else if (field == 2 && ProtoReader.wireType(tag) == ProtoReader.LENGTH_DELIMITED) type = typeProto();
                else r.skipField(tag);
            }
            r.popLimit(old);
            return new TensorSpec(name, type.elemType, type.dims, type.names);
        }

        private record TensorType(int elemType, List<Long> dims, List<String> names) {}

        /** TypeProto: only tensor_type (1); other kinds (sequence, map, ...) give elem type 0 and no shape. */
        private TensorType typeProto() throws IOException, MalformedProtoException {
            long old = r.enterMessage();
            TensorType result = new TensorType(0, List.of(), List.of());
            while (!r.atEnd()) {
                int tag = r.readTag();
                if (ProtoReader.fieldNumber(tag) == 1 && ProtoReader.wireType(tag) == ProtoReader.LENGTH_DELIMITED)
                    result = tensorTypeProto();
                else r.skipField(tag);
            }
            r.popLimit(old);
            return result;
        }

        /** TypeProto.Tensor: elem_type (1), shape (2: TensorShapeProto with repeated dim = 1). */
        private TensorType tensorTypeProto() throws IOException, MalformedProtoException {
            long old = r.enterMessage();
            int elemType = 0;
            List<Long> dims = new ArrayList<>();
            List<String> names = new ArrayList<>();
            while (!r.atEnd()) {
                int tag = r.readTag();
                int field = ProtoReader.fieldNumber(tag);
                if (field == 1 && ProtoReader.wireType(tag) == ProtoReader.VARINT) {
                    elemType = (int) r.readVarint();
                } else if (field == 2 && ProtoReader.wireType(tag) == ProtoReader.LENGTH_DELIMITED) {
                    dims.clear();
                    names.clear();
                    long shapeOld = r.enterMessage();
                    while (!r.atEnd()) {
                        int dimTag = r.readTag();
                        if (ProtoReader.fieldNumber(dimTag) == 1 && ProtoReader.wireType(dimTag) == ProtoReader.LENGTH_DELIMITED) {
                            if (dims.size() >= MAX_DIMS) throw r.corrupt("a shape with more than " + MAX_DIMS + " axes");
                            dimension(dims, names);
                        } else {
                            r.skipField(dimTag);
                        }
                    }
                    r.popLimit(shapeOld);
                } else {
                    r.skipField(tag);
                }
            }
            r.popLimit(old);
            return new TensorType(elemType, dims, names);
        }

        /** TensorShapeProto.Dimension: dim_value (1, int64) or dim_param (2, string). */
        private void dimension(List<Long> dims, List<String> names) throws IOException, MalformedProtoException {
            long old = r.enterMessage();
            long value = -1;
            String param = "";
            while (!r.atEnd()) {
                int tag = r.readTag();
                int field = ProtoReader.fieldNumber(tag);
                if (field == 1 && ProtoReader.wireType(tag) == ProtoReader.VARINT) {
                    long v = r.readVarint();
                    value = v >= 0 ? v : -1;
                    param = "";
                } else if (field == 2 && ProtoReader.wireType(tag) == ProtoReader.LENGTH_DELIMITED) {
                    param = r.readString(MAX_NAME_BYTES);
                    value = -1;
                } else {
                    r.skipField(tag);
                }
            }
            r.popLimit(old);
            dims.add(value);
            names.add(param);
        }
    }
}
