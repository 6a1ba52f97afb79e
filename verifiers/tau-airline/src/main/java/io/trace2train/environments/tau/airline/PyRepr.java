package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Python's text forms of JSON values: {@code str()} and {@code repr()} (what f-strings and exception messages
 * show), float {@code repr}, and the text of τ-bench's {@code str(to_hashable(value))} that its state hash digests.
 */
final class PyRepr {

    private PyRepr() {
    }

    /** Python's {@code str(value)}: a string as it is, anything else as its {@code repr}. */
    static String str(JsonNode value) {
        return value.isTextual() ? value.textValue() : repr(value);
    }

    static String repr(JsonNode value) {
        StringBuilder out = new StringBuilder();
        repr(out, value);
        return out.toString();
    }

    private static void repr(StringBuilder out, JsonNode value) {
        if (value.isObject()) {
            out.append('{');
            String separator = "";
            for (Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.append(separator);
                string(out, field.getKey());
                out.append(": ");
                repr(out, field.getValue());
                separator = ", ";
            }
            out.append('}');
        } else if (value.isArray()) {
            out.append('[');
            String separator = "";
            for (JsonNode element : value) {
                repr(out.append(separator), element);
                separator = ", ";
            }
            out.append(']');
        } else {
            scalar(out, value);
        }
    }

    /** Appends {@code str(to_hashable(value))}: dicts as key-sorted tuples of pairs, lists as tuples. */
    static void hashable(StringBuilder out, JsonNode value) {
        if (value.isObject()) {
            List<String> keys = new ArrayList<>(value.size());
            value.fieldNames().forEachRemaining(keys::add);
            keys.sort(PyRepr::compareCodePoints);
            out.append('(');
            for (int i = 0; i < keys.size(); i++) {
                out.append(i > 0 ? ", (" : "(");
                string(out, keys.get(i));
                hashable(out.append(", "), value.get(keys.get(i)));
                out.append(')');
            }
            out.append(keys.size() == 1 ? ",)" : ")");
        } else if (value.isArray()) {
            out.append('(');
            for (int i = 0; i < value.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                hashable(out, value.get(i));
            }
            out.append(value.size() == 1 ? ",)" : ")");
        } else {
            scalar(out, value);
        }
    }

    /** Python orders strings by code point; Java's {@code compareTo} by UTF-16 unit, which differs past U+FFFF. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static void scalar(StringBuilder out, JsonNode value) {
        if (value.isTextual()) {
            string(out, value.textValue());
        } else if (value.isBoolean()) {
            out.append(value.booleanValue() ? "True" : "False");
        } else if (value.isNull() || value.isMissingNode()) {
            out.append("None");
        } else if (value.isIntegralNumber()) {
            out.append(value.bigIntegerValue());
        } else if (value.isNumber()) {
            out.append(floatRepr(value.doubleValue()));
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getNodeType());
        }
    }

    /** Python's {@code repr(str)}: single quotes unless only double quotes avoid escaping. */
    static void string(StringBuilder out, String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(quote);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == quote || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\x%02x", c));
            } else if (c < 0x7F || printable(c)) {
                out.appendCodePoint(c);
            } else if (c <= 0xFF) {
                out.append(String.format("\\x%02x", c));
            } else if (c <= 0xFFFF) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append(String.format("\\U%08x", c));
            }
        }
        out.append(quote);
    }

    static String string(String s) {
        StringBuilder out = new StringBuilder();
        string(out, s);
        return out.toString();
    }

    /** Python's {@code str.isprintable} for one non-ASCII code point: no control, format, separator or unassigned. */
    private static boolean printable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /** Python's {@code repr(float)}, shared with the other Python-compatible writers. */
    static String floatRepr(double d) {
        return io.trace2train.api.text.PythonText.floatRepr(d);
    }
}
