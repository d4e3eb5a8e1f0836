package org.aerolux.core;

/** A message as one line, as every front end prints it: line breaks and the blanks around them become one space. */
public final class OneLine {
    private OneLine() {}

    /** The message on one line, trimmed; "" for null. */
    public static String of(String message) { return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim(); }
}
