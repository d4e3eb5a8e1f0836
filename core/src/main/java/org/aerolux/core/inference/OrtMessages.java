package org.aerolux.core.inference;

/** Turns engine exception messages into one short line for users. */
final class OrtMessages {
    private OrtMessages() {}

    static String oneLine(Throwable t) {
        Throwable root = t;
        String msg = null;
        for (int i = 0; root != null && i < 8; i++, root = root.getCause()) {
            if (root.getMessage() != null && !root.getMessage().isBlank()) msg = root.getMessage();
        }
        if (msg == null) msg = t.getClass().getSimpleName();
        String line = msg.replaceAll("\\s+", " ").trim();
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }
}
