package io.trace2train.engine.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.engine.record.RecordJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * JSON-shaped values (maps, lists, strings, numbers, booleans) as a tree, walked directly: several times cheaper
 * than {@code valueToTree}, which serializes into a buffer and parses that back, and rows are made by the million.
 */
final class JsonTrees {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    static ObjectNode object(Map<String, Object> map) {
        ObjectNode node = NODES.objectNode();
        map.forEach((key, value) -> node.set(key, of(value)));
        return node;
    }

    @SuppressWarnings("unchecked")
    static JsonNode of(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case String text -> NODES.textNode(text);
            case Boolean flag -> NODES.booleanNode(flag);
            case Integer number -> NODES.numberNode(number);
            case Long number -> NODES.numberNode(number);
            case Double number -> NODES.numberNode(number);
            case Float number -> NODES.numberNode(number);
            case BigDecimal number -> NODES.numberNode(number);
            case BigInteger number -> NODES.numberNode(number);
            case Map<?, ?> map -> object((Map<String, Object>) map);
            case List<?> list -> {
                ArrayNode array = NODES.arrayNode(list.size());
                list.forEach(item -> array.add(of(item)));
                yield array;
            }
            // anything else (a record, an enum) as Jackson writes it
            default -> RecordJson.mapper().valueToTree(value);
        };
    }
}
