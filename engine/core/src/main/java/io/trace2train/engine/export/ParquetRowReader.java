package io.trace2train.engine.export;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.engine.record.RecordJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * Reads an export's Parquet file back as JSON rows, through the {@link DatasetFeatures} its card declares (the
 * inverse of {@link ParquetRows}): what a trainer loading the dataset sees, so that an export can be checked against
 * its JSONL twin. A null (an absent value) is left out, as Parquet keeps it. Unlike writing, reading needs Hadoop's
 * classes ({@code hadoop-client-api}) on the class path: parquet-hadoop's read options load Hadoop's codec factory
 * whatever codec is given. The product never reads its exports; tests and a Spark job's driver have them.
 */
public final class ParquetRowReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final DatasetFeatures features;
    private final boolean decodeJson;
    private final ObjectMapper mapper = RecordJson.mapper();

    /**
     * @param decodeJson whether a {@code Json} feature's value is parsed (as {@code datasets} decodes it) or left as
     *     the JSON text the file stores
     */
    public ParquetRowReader(DatasetFeatures features, boolean decodeJson) {
        this.features = requireNonNull(features, "features");
        this.decodeJson = decodeJson;
    }

    /** A JSON row as this reader gives it back: a null is an absent value in Parquet, so it is left out. */
    public static JsonNode asStored(JsonNode row) {
        if (row.isObject()) {
            ObjectNode copy = NODES.objectNode();
            row.properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    copy.set(e.getKey(), asStored(e.getValue()));
                }
            });
            return copy;
        }
        if (row.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            row.forEach(item -> copy.add(asStored(item)));
            return copy;
        }
        return row;
    }

    /** The file's Parquet schema. */
    public static MessageType schema(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options())) {
            return reader.getFooter().getFileMetaData().getSchema();
        }
    }

    /** The file's rows in order. */
    public List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options())) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    rows.add(struct(records.read(), features.columns()));
                }
            }
        }
        return rows;
    }

    private static ParquetReadOptions options() {
        // the export's own codec: the pages are inflated by the JDK, not by Hadoop's native zlib
        return ParquetReadOptions.builder(new PlainParquetConfiguration()).withCodecFactory(new ParquetGzip()).build();
    }

    private ObjectNode struct(Group group, DatasetFeatures.Struct struct) throws IOException {
        ObjectNode node = NODES.objectNode();
        for (var field : struct.fields().entrySet()) {
            if (group.getFieldRepetitionCount(field.getKey()) > 0) {
                node.set(field.getKey(), value(group, field.getKey(), field.getValue()));
            }
        }
        return node;
    }

    private JsonNode value(Group group, String name, DatasetFeatures.Feature feature) throws IOException {
        return switch (feature) {
            case DatasetFeatures.Value v -> switch (v.dtype()) {
                case "string" -> NODES.textNode(group.getString(name, 0));
                case "int64" -> NODES.numberNode(group.getLong(name, 0));
                case "float64" -> NODES.numberNode(group.getDouble(name, 0));
                case "bool" -> NODES.booleanNode(group.getBoolean(name, 0));
                default -> throw new IllegalArgumentException(name + ": no Parquet type for " + v.dtype());
            };
            case DatasetFeatures.Json json -> decodeJson ? mapper.readTree(group.getString(name, 0))
                    : NODES.textNode(group.getString(name, 0));
            case DatasetFeatures.Struct s -> struct(group.getGroup(name, 0), s);
            case DatasetFeatures.ListOf list -> {
                Group items = group.getGroup(name, 0);
                ArrayNode array = NODES.arrayNode();
                for (int i = 0; i < items.getFieldRepetitionCount(ParquetRows.LIST); i++) {
                    Group item = items.getGroup(ParquetRows.LIST, i);
                    array.add(item.getFieldRepetitionCount(ParquetRows.ELEMENT) == 0 ? NODES.nullNode()
                            : value(item, ParquetRows.ELEMENT, list.item()));
                }
                yield array;
            }
        };
    }
}
