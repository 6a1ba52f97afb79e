package io.trace2train.engine.io;

/**
 * Writes JSON the way Python's {@code json.dumps} does by default ({@code ", "} and {@code ": "} separators,
 * {@code ensure_ascii}), so files meant to match a Python reference can be compared byte for byte.
 */
public final class PythonJson {

    private PythonJson() {
    }

    /** Appends {@code s} as a JSON string: everything outside printable ASCII is escaped, as Python does. */
    public static StringBuilder string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
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
