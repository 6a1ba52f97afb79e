package io.trace2train.engine.export;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.trace2train.api.export.Exporter;
import io.trace2train.engine.record.JsonSchemas;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The column types of an export's rows as Hugging Face {@code datasets} declares them ({@code Features}), derived
 * from the format's row schema: an object is a struct, an array a list, a string (or a string enum or const) a
 * {@code string}, an integer an {@code int64}, a number a {@code float64}, a boolean a {@code bool}; an object that
 * allows any properties ({@code additionalProperties: true}: a tool's definition, a tool call's arguments) is a
 * {@code Json} feature, stored as JSON text so that Arrow never unifies shapes that differ from row to row; a type
 * that may be null is its other type (every column may hold nulls). Declared, a column that is null in every row of one file
 * (a repair-only run's {@code fork}) keeps its type, so files of different runs load together.
 *
 * <p>Every schema object must close its properties ({@code additionalProperties: false}) and every array must say
 * its items: the schema check of each row then guarantees that the row fits these features.
 */
public final class DatasetFeatures {

    /** A column type. */
    public sealed interface Feature permits Value, ListOf, Struct, Json {
    }

    /** Any JSON value ({@code datasets.Json}): shapes that vary from row to row, kept as they are. */
    public record Json() implements Feature {
    }

    /** A scalar: {@code string}, {@code int64}, {@code float64} or {@code bool}. */
    public record Value(String dtype) implements Feature {
        public Value {
            requireNonNull(dtype, "dtype");
        }
    }

    /** A list of items of one type. */
    public record ListOf(Feature item) implements Feature {
        public ListOf {
            requireNonNull(item, "item");
        }
    }

    /** Named fields, in the schema's order. */
    public record Struct(Map<String, Feature> fields) implements Feature {
        public Struct {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    private final Struct columns;

    private DatasetFeatures(Struct columns) {
        this.columns = columns;
    }

    public Struct columns() {
        return columns;
    }

    /** The features of {@code exporter}'s row schema: the columns its card declares. */
    public static DatasetFeatures of(Exporter exporter) {
        return of(JsonSchemas.load(exporter.getClass(), exporter.rowSchema())
                .getSchemaNode());
    }

    /**
     * @param schema a row schema (JSON Schema 2020-12) whose {@code $ref}s point into its own {@code $defs}
     * @throws IllegalArgumentException naming the schema path of a part that has no single column type
     */
    public static DatasetFeatures of(JsonNode schema) {
        Feature feature = feature(schema, schema, "$");
        if (!(feature instanceof Struct struct)) {
            throw new IllegalArgumentException("$: a row must be an object, not " + feature);
        }
        return new DatasetFeatures(struct);
    }

    private static Feature feature(JsonNode root, JsonNode node, String path) {
        if (node.has("$ref")) {
            String ref = node.get("$ref").textValue();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException(path + ": only references into the schema itself are typed: " + ref);
            }
            JsonNode target = root.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new IllegalArgumentException(path + ": " + ref + " points nowhere");
            }
            return feature(root, target, path);
        }
        if (node.has("const")) {
            return scalar(node.get("const"), path);
        }
        if (node.has("enum")) {
            Feature type = null;
            for (JsonNode value : node.get("enum")) {
                Feature each = scalar(value, path);
                if (type != null && !type.equals(each)) {
                    throw new IllegalArgumentException(path + ": an enum of several types has no column type");
                }
                type = each;
            }
            if (type == null) {
                throw new IllegalArgumentException(path + ": an empty enum");
            }
            return type;
        }
        String type = type(node.get("type"), path);
        return switch (type) {
            case "string" -> new Value("string");
            case "integer" -> new Value("int64");
            case "number" -> new Value("float64");
            case "boolean" -> new Value("bool");
            case "array" -> {
                if (!node.has("items") || !node.get("items").isObject()) {
                    throw new IllegalArgumentException(path + ": an array must say its items' type");
                }
                yield new ListOf(feature(root, node.get("items"), path + "[]"));
            }
            case "object" -> {
                if (node.path("additionalProperties").isBoolean() && node.get("additionalProperties").booleanValue()) {
                    yield new Json();
                }
                if (!node.path("additionalProperties").isBoolean() || node.get("additionalProperties").booleanValue()
                        || !node.has("properties")) {
                    throw new IllegalArgumentException(path + ": an object must list its properties and allow no"
                            + " others (additionalProperties: false)");
                }
                Map<String, Feature> fields = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.get("properties").properties().iterator(); it.hasNext();) {
                    Map.Entry<String, JsonNode> property = it.next();
                    fields.put(property.getKey(), feature(root, property.getValue(), path + "." + property.getKey()));
                }
                yield new Struct(fields);
            }
            default -> throw new IllegalArgumentException(path + ": type " + type + " has no column type");
        };
    }

    /** The one type of {@code "type": T} or {@code "type": [T, "null"]}. */
    private static String type(JsonNode type, String path) {
        if (type != null && type.isTextual()) {
            return type.textValue();
        }
        if (type != null && type.isArray()) {
            List<String> types = new ArrayList<>();
            type.forEach(t -> {
                if (!"null".equals(t.textValue())) {
                    types.add(t.textValue());
                }
            });
            if (types.size() == 1) {
                return types.getFirst();
            }
        }
        throw new IllegalArgumentException(path + ": needs one type (or one type and null), not " + type);
    }

    private static Feature scalar(JsonNode value, String path) {
        if (value.isTextual()) {
            return new Value("string");
        }
        if (value.isBoolean()) {
            return new Value("bool");
        }
        if (value.isIntegralNumber()) {
            return new Value("int64");
        }
        if (value.isNumber()) {
            return new Value("float64");
        }
        throw new IllegalArgumentException(path + ": the constant " + value + " has no column type");
    }

    /**
     * The features as a dataset card's YAML holds them ({@code dataset_info.features}): a list of
     * {@code {name, dtype | list | struct}}, as {@code datasets}' {@code Features._to_yaml_list} writes them.
     */
    public List<Map<String, Object>> yaml() {
        return fields(columns);
    }

    private static List<Map<String, Object>> fields(Struct struct) {
        List<Map<String, Object>> fields = new ArrayList<>();
        struct.fields().forEach((name, feature) -> {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("name", name);
            field.putAll(yaml(feature));
            fields.add(field);
        });
        return fields;
    }

    /** {@code {dtype: T}}, {@code {list: ...}} or {@code {struct: [...]}}; a Json feature is {@code dtype: json}. */
    private static Map<String, Object> yaml(Feature feature) {
        return switch (feature) {
            case Value value -> Map.of("dtype", value.dtype());
            case Json json -> Map.of("dtype", "json");
            case Struct struct -> Map.of("struct", fields(struct));
            case ListOf list -> Map.of("list", switch (list.item()) {
                case Value value -> value.dtype();
                case Json json -> "json";
                case Struct struct -> fields(struct);
                case ListOf inner -> yaml(inner);
            });
        };
    }

    /**
     * Where a row does not fit: a key the features do not declare, or a value of another type than its column's
     * (null fits every column). Empty when it fits.
     */
    public List<String> problems(JsonNode row) {
        List<String> problems = new ArrayList<>();
        check(columns, row, "$", problems);
        return problems;
    }

    private static void check(Feature feature, JsonNode value, String path, List<String> problems) {
        if (value.isNull()) {
            return;
        }
        switch (feature) {
            case Json json -> {
                // any value fits: it is stored as its JSON text
            }
            case Value v -> {
                boolean fits = switch (v.dtype()) {
                    case "string" -> value.isTextual();
                    case "int64" -> value.isIntegralNumber() && value.canConvertToLong();
                    case "float64" -> value.isNumber();
                    case "bool" -> value.isBoolean();
                    default -> false;
                };
                if (!fits) {
                    problems.add(path + ": " + value.getNodeType() + " in a " + v.dtype() + " column");
                }
            }
            case ListOf list -> {
                if (!value.isArray()) {
                    problems.add(path + ": " + value.getNodeType() + " in a list column");
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(list.item(), value.get(i), path + "[" + i + "]", problems);
                }
            }
            case Struct struct -> {
                if (!value.isObject()) {
                    problems.add(path + ": " + value.getNodeType() + " in a struct column");
                    return;
                }
                value.fieldNames().forEachRemaining(name -> {
                    if (!struct.fields().containsKey(name)) {
                        problems.add(path + "." + name + ": not a declared column");
                    }
                });
                struct.fields().forEach((name, type) -> {
                    if (value.has(name)) {
                        check(type, value.get(name), path + "." + name, problems);
                    }
                });
            }
        }
    }
}
