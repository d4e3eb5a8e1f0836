package org.aerolux.core.model;

/** The bytes are not the protobuf message they should be (truncated, corrupt or another kind of file). */
final class MalformedProtoException extends Exception {
    MalformedProtoException(String message) { super(message, null, false, false); }
}
