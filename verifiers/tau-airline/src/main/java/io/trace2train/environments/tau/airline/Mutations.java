package io.trace2train.environments.tau.airline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** In-place changes with Python's errors when the target is not the list or dict the tool expects. */
final class Mutations {

    private Mutations() {
    }

    /** {@code target.extend(values)} / {@code target.append(value)}. */
    static void extend(JsonNode target, List<JsonNode> values) throws PyError {
        if (!(target instanceof ArrayNode list)) {
            throw new PyError("'" + Py.typeName(target) + "' object has no attribute '"
                    + (values.size() == 1 ? "append" : "extend") + "'");
        }
        list.addAll(values);
    }

    /** {@code target[key] = value}. */
    static void set(JsonNode target, String key, JsonNode value) throws PyError {
        if (!(target instanceof ObjectNode dict)) {
            throw new PyError(target.isArray() ? "list indices must be integers or slices, not str"
                    : "'" + Py.typeName(target) + "' object does not support item assignment");
        }
        dict.set(key, value);
    }
}
