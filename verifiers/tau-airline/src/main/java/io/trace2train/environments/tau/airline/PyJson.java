package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Python's {@code json.dumps(value)} with its defaults: {@code ", "} and {@code ": "} separators, keys in insertion
 * order, {@code ensure_ascii} escapes, floats as {@code repr} and {@code NaN}/{@code Infinity} as bare words.
 * (engine's {@code PythonJson} writes strings and lists the same way; this module may not depend on the engine.)
 */
final class PyJson {

    private PyJson() {
    }

    static String dumps(JsonNode value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value);
        return out.toString();
    }

    static void write(StringBuilder out, JsonNode value) {
        if (value.isObject()) {
            out.append('{');
            String separator = "";
            for (Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                string(out.append(separator), field.getKey());
                write(out.append(": "), field.getValue());
                separator = ", ";
            }
            out.append('}');
        } else if (value.isArray()) {
            out.append('[');
            String separator = "";
            for (JsonNode element : value) {
                write(out.append(separator), element);
                separator = ", ";
            }
            out.append(']');
        } else if (value.isTextual()) {
            string(out, value.textValue());
        } else if (value.isBoolean()) {
            out.append(value.booleanValue());
        } else if (value.isIntegralNumber()) {
            out.append(value.bigIntegerValue());
        } else if (value.isNumber()) {
            double d = value.doubleValue();
            out.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity")
                    : PyRepr.floatRepr(d));
        } else {
            out.append("null");
        }
    }

    static void string(StringBuilder out, String s) {
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
        out.append('"');
    }
}
