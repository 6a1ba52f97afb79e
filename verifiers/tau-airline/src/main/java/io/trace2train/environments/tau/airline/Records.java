package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;

/** Look-ups the tools share: {@code key in data[table]} with Python's rules for keys that are not strings. */
final class Records {

    private Records() {
    }

    /** {@code key in data[table]}: a list or dict key is unhashable (TypeError), any other non-string is absent. */
    static boolean contains(AirlineState data, String table, JsonNode key) throws PyError {
        if (key.isContainerNode()) {
            throw new PyError("unhashable type: '" + Py.typeName(key) + "'");
        }
        return key.isTextual() && data.contains(table, key.textValue());
    }

    /** {@code data[table][key]} after a successful {@link #contains}. */
    static JsonNode get(AirlineState data, String table, JsonNode key) {
        return data.get(table, key.textValue());
    }

    /** {@code json.dumps(records[key]) if key in records else "Error: user not found"}. */
    static String dumpOrNotFound(AirlineState data, String table, JsonNode key) throws PyError {
        if (contains(data, table, key)) {
            return PyJson.dumps(get(data, table, key));
        }
        return "Error: user not found";
    }
}
