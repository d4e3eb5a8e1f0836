package org.aerolux.calibration;

/**
 * A minimal streaming JSON writer (two-space indentation). Non-finite doubles are written as null, since JSON
 * has no NaN. Keys and strings are escaped per RFC 8259.
 */
final class JsonText {
    private final StringBuilder out = new StringBuilder();
    private int depth;
    private boolean first = true;
    private boolean afterKey;

    JsonText beginObject() { open('{'); return this; }
    JsonText endObject() { close('}'); return this; }
    JsonText beginArray() { open('['); return this; }
    JsonText endArray() { close(']'); return this; }

    JsonText key(String name) {
        separate();
        string(name);
        out.append(": ");
        afterKey = true;
        return this;
    }

    JsonText value(double v) {
        separate();
        if (Double.isFinite(v)) {
            if (v == Math.rint(v) && Math.abs(v) < 1e15) out.append((long) v).append(".0");
            else out.append(v);
        } else out.append("null");
        return this;
    }

    JsonText value(long v) { separate(); out.append(v); return this; }
    JsonText value(boolean v) { separate(); out.append(v); return this; }
    JsonText value(String s) { separate(); if (s == null) out.append("null"); else string(s); return this; }
    JsonText nullValue() { separate(); out.append("null"); return this; }

    JsonText field(String k, double v) { return key(k).value(v); }
    JsonText field(String k, long v) { return key(k).value(v); }
    JsonText field(String k, boolean v) { return key(k).value(v); }
    JsonText field(String k, String v) { return key(k).value(v); }

    @Override public String toString() { return out.toString(); }

    private void open(char c) {
        separate();
        out.append(c);
        depth++;
        first = true;
    }

    private void close(char c) {
        depth--;
        if (!first) newline();
        out.append(c);
        first = false;
    }

    private void separate() {
        if (afterKey) { afterKey = false; return; }
        if (depth == 0) return;
        if (!first) out.append(',');
        newline();
        first = false;
    }

    private void newline() {
        out.append('\n');
        for (int i = 0; i < depth; i++) out.append("  ");
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (ch < 0x20) out.append(String.format("\\u%04x", (int) ch));
                    else out.append(ch);
                }
            }
        }
        out.append('"');
    }
}
