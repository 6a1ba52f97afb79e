package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import io.trace2train.api.text.PythonText;
import java.util.Iterator;
import java.util.Map;

/**
 * Python's {@code json.dumps(value)} with its defaults: {@code ", "} and {@code ": "} separators, keys in insertion
 * order, {@code ensure_ascii} escapes, floats as {@code repr} and {@code NaN}/{@code Infinity} as bare words.
 * Strings are escaped by {@link PythonText#jsonString}, which the engine's Python-compatible writers share.
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
        PythonText.jsonString(out, s);
    }
}
