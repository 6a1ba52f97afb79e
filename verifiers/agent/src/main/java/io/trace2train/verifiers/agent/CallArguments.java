package io.trace2train.verifiers.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * A tool call's arguments as JSON: parsed from the logged text, and compared the way JSON means them (numbers by
 * value, so {@code 1} equals {@code 1.0}; object keys in any order).
 */
final class CallArguments {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    // trailing text after the object ("{} x") is malformed, as Python's json.loads says
    private static final ObjectReader READER = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private CallArguments() {
    }

    /** The arguments as a JSON object; empty when the text is not JSON or not an object. */
    static Optional<ObjectNode> parse(String text) {
        try {
            JsonNode node = READER.readTree(text);
            return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** JSON-shaped values (maps, lists, strings, numbers) from a constraint's arguments, as a tree. */
    static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    /** Equal as JSON values: numbers by value at every depth. */
    static boolean same(JsonNode a, JsonNode b) {
        return a.equals(BY_VALUE, b);
    }

    /** Every key of {@code wanted} is in {@code actual} with the {@linkplain #same same} value. */
    static boolean contains(ObjectNode actual, ObjectNode wanted) {
        for (Map.Entry<String, JsonNode> entry : wanted.properties()) {
            JsonNode value = actual.get(entry.getKey());
            if (value == null || !same(value, entry.getValue())) {
                return false;
            }
        }
        return true;
    }
}
