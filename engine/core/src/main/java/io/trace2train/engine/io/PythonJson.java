package io.trace2train.engine.io;

import io.trace2train.api.text.PythonText;

/**
 * Writes JSON the way Python's {@code json.dumps} does by default ({@code ", "} and {@code ": "} separators,
 * {@code ensure_ascii}), so files meant to match a Python reference can be compared byte for byte.
 */
public final class PythonJson {

    private PythonJson() {
    }

    /** Appends {@code s} as a JSON string: everything outside printable ASCII is escaped, as Python does. */
    public static StringBuilder string(StringBuilder out, String s) {
        return PythonText.jsonString(out, s);
    }

    public static StringBuilder stringList(StringBuilder out, Iterable<String> values) {
        out.append('[');
        String separator = "";
        for (String value : values) {
            string(out.append(separator), value);
            separator = ", ";
        }
        return out.append(']');
    }

    public static StringBuilder booleanList(StringBuilder out, Iterable<Boolean> values) {
        out.append('[');
        String separator = "";
        for (Boolean value : values) {
            out.append(separator).append(value.booleanValue());
            separator = ", ";
        }
        return out.append(']');
    }
}
