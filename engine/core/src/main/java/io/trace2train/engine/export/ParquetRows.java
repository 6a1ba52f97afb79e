package io.trace2train.engine.export;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.engine.record.RecordJson;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * An export's rows as Parquet: the schema declared from the {@link DatasetFeatures} the dataset card declares (never
 * inferred from the rows), and each row, already checked against its format's schema, as a record of it. Every
 * column is optional (a feature column holds nulls); a struct is a group, a list Parquet's three-level {@code LIST}
 * (as Arrow writes it), a string, a {@code Json} feature (tools, a TRL tool call's arguments) a UTF-8 string, the
 * latter holding the value's JSON text, as {@code datasets}' {@code Json} feature stores it.
 */
public final class ParquetRows {

    /** The element's name in a three-level list, as Arrow and Spark write it. */
    static final String LIST = "list";
    static final String ELEMENT = "element";

    private final DatasetFeatures features;
    private final MessageType schema;
    private final SimpleGroupFactory groups;
    private final ObjectMapper mapper = RecordJson.mapper();

    public ParquetRows(DatasetFeatures features) {
        this.features = requireNonNull(features, "features");
        Types.MessageTypeBuilder message = Types.buildMessage();
        features.columns().fields().forEach((name, feature) -> message.addField(type(name, feature)));
        this.schema = message.named("row");
        this.groups = new SimpleGroupFactory(schema);
    }

    /** The Parquet schema of the rows. */
    public MessageType schema() {
        return schema;
    }

    public DatasetFeatures features() {
        return features;
    }

    /** The row as a record of {@link #schema}; a key the features do not declare is an error (the schema check). */
    public Group group(JsonNode row) {
        Group group = groups.newGroup();
        fill(group, features.columns(), row, "$");
        return group;
    }

    private static Type type(String name, DatasetFeatures.Feature feature) {
        return switch (feature) {
            case DatasetFeatures.Value value -> switch (value.dtype()) {
                case "string" -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                        .named(name);
                case "int64" -> Types.optional(PrimitiveTypeName.INT64).named(name);
                case "float64" -> Types.optional(PrimitiveTypeName.DOUBLE).named(name);
                case "bool" -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
                default -> throw new IllegalArgumentException(name + ": no Parquet type for " + value.dtype());
            };
            case DatasetFeatures.Json json -> Types.optional(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType()).named(name);
            case DatasetFeatures.Struct struct -> {
                Types.GroupBuilder<GroupType> group = Types.optionalGroup();
                struct.fields().forEach((field, type) -> group.addField(type(field, type)));
                yield group.named(name);
            }
            case DatasetFeatures.ListOf list -> Types.optionalGroup().as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup().addField(type(ELEMENT, list.item())).named(LIST)).named(name);
        };
    }

    private void fill(Group group, DatasetFeatures.Struct struct, JsonNode object, String path) {
        object.fieldNames().forEachRemaining(name -> {
            if (!struct.fields().containsKey(name)) {
                throw new IllegalStateException(path + "." + name + ": not a declared column");
            }
        });
        for (Map.Entry<String, DatasetFeatures.Feature> field : struct.fields().entrySet()) {
            JsonNode value = object.get(field.getKey());
            if (value != null && !value.isNull()) {
                add(group, field.getKey(), field.getValue(), value, path + "." + field.getKey());
            }
        }
    }

    private void add(Group group, String name, DatasetFeatures.Feature feature, JsonNode value, String path) {
        switch (feature) {
            case DatasetFeatures.Value v -> {
                switch (v.dtype()) {
                    case "string" -> group.append(name, text(value, path));
                    case "int64" -> group.append(name, value.longValue());
                    case "float64" -> group.append(name, value.doubleValue());
                    case "bool" -> group.append(name, value.booleanValue());
                    default -> throw new IllegalArgumentException(path + ": no Parquet type for " + v.dtype());
                }
            }
            case DatasetFeatures.Json json -> group.append(name, json(value));
            case DatasetFeatures.Struct struct -> {
                if (!value.isObject()) {
                    throw new IllegalStateException(path + ": " + value.getNodeType() + " in a struct column");
                }
                fill(group.addGroup(name), struct, value, path);
            }
            case DatasetFeatures.ListOf list -> {
                if (!value.isArray()) {
                    throw new IllegalStateException(path + ": " + value.getNodeType() + " in a list column");
                }
                Group items = group.addGroup(name);
                for (int i = 0; i < value.size(); i++) {
                    Group item = items.addGroup(LIST);
                    if (!value.get(i).isNull()) {
                        add(item, ELEMENT, list.item(), value.get(i), path + "[" + i + "]");
                    }
                }
            }
        }
    }

    private static String text(JsonNode value, String path) {
        if (!value.isTextual()) {
            throw new IllegalStateException(path + ": " + value.getNodeType() + " in a string column");
        }
        return value.textValue();
    }

    /** A {@code Json} feature's value: its JSON text, as {@code datasets} stores it. */
    private String json(JsonNode value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
