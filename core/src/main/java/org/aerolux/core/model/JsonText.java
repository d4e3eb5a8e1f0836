package org.aerolux.core.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/** Parses short JSON texts from model cards, sidecars and registries defensively (bounded size and nesting). */
final class JsonText {
    static final int MAX_DEPTH = 32;

    private JsonText() {}

    /**
     * Parses lenient JSON (single quotes and unquoted keys accepted, as Deepness' Python-literal cards need).
     *
     * @throws IllegalArgumentException with a short reason when the text is not JSON or nests too deeply
     */
    static JsonElement parse(String text) {
        int depth = maxDepth(text);
        if (depth > MAX_DEPTH) throw new IllegalArgumentException("JSON nested deeper than " + MAX_DEPTH + " levels");
        try {
            return JsonParser.parseString(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not valid JSON");
        }
    }

    /** Bracket nesting depth outside quoted strings (both quote styles, backslash escapes). */
    static int maxDepth(String text) {
        int depth = 0, max = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[' || c == '{') {
                max = Math.max(max, ++depth);
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return max;
    }
}
