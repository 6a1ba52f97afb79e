package io.trace2train.api.env;

import java.util.Map;

/** Reads fields of JSON objects that Jackson handed over as maps, with errors that name the field. */
final class JsonFields {

    private JsonFields() {
    }

    static String string(Map<String, Object> json, String field, String what) {
        Object value = json.get(field);
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(what + ": field '" + field + "' must be a string, got "
                    + describe(value));
        }
        return text;
    }

    static String optionalString(Map<String, Object> json, String field, String what) {
        return json.get(field) == null ? "" : string(json, field, what);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> json, String field, String what) {
        Object value = json.get(field);
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + ": field '" + field + "' must be an object, got "
                    + describe(value));
        }
        return (Map<String, Object>) value;
    }

    static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String text) {
            return "the string \"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof java.util.List<?>) {
            return "an array";
        }
        return value.toString();
    }
}
