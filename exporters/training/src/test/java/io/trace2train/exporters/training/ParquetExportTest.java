package io.trace2train.exporters.training;

import static io.trace2train.exporters.training.TestRecords.attempt;
import static io.trace2train.exporters.training.TestRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.trace2train.api.export.Exporter;
import io.trace2train.api.export.ExporterFactory;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ForkInfo;
import io.trace2train.engine.export.DatasetCard;
import io.trace2train.engine.export.DatasetFeatures;
import io.trace2train.engine.export.DatasetLayout;
import io.trace2train.engine.export.DatasetSplit;
import io.trace2train.engine.export.ExportFilters;
import io.trace2train.engine.export.ExportRun;
import io.trace2train.engine.export.ParquetRowReader;
import io.trace2train.engine.export.ParquetRows;
import io.trace2train.engine.record.JsonSchemas;
import io.trace2train.engine.record.RecordJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet exports hold the JSONL export's rows, in a schema declared from the card's features, split by task.
 */
class ParquetExportTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path dir;

    /** {@code tasks} tasks of three forks each: a passing, a failing and a half-passing one. */
    private Path rollout(String name, int from, int tasks) throws Exception {
        List<ComplianceRecord> records = new ArrayList<>();
        for (int t = from; t < from + tasks; t++) {
            String id = "t" + t;
            records.add(record(id, TestRecords.PROMPT, new ForkInfo(0, 3), 100 + t, List.of(
                    attempt(0, "generate", "Cats, purr " + t + ".", false, 100L),
                    attempt(1, "regenerate", "Cats purr " + t + ".", true, 7L)), null));
            records.add(record(id, TestRecords.PROMPT, new ForkInfo(1, 3), 200 + t,
                    List.of(attempt(0, "generate", "Cats, sleep, eat " + t + ".", false, 101L)), null));
            records.add(record(id, TestRecords.PROMPT, new ForkInfo(2, 3), 300 + t,
                    List.of(attempt(0, "generate", "Dogs bark " + t + ".", true, 102L)), null));
        }
        return TestRecords.runFolder(dir.resolve(name), 3, records);
    }

    @Test
    void everyFormatsParquetRowsEqualItsJsonlRowsInTheDeclaredSchema() throws Exception {
        Path run = rollout("run", 0, 4);
        for (ExporterFactory factory : new TrainingPlugin().exporterFactories()) {
            for (String flavor : factory.flavors()) {
                Exporter exporter = factory.create(flavor, Map.of());
                String config = factory.name() + "-" + flavor;
                DatasetFeatures features = DatasetFeatures.of(
                        JsonSchemas.load(exporter.getClass(), exporter.rowSchema()).getSchemaNode());
                Path jsonl = dir.resolve("jsonl").resolve(config + ".jsonl");
                new ExportRun(factory, exporter, ExportFilters.none()).export(run, jsonl);
                Path folder = dir.resolve("parquet-" + config);
                ExportRun.Summary summary = new ExportRun(factory, exporter, ExportFilters.none(),
                        new DatasetLayout(true, DatasetSplit.NONE)).export(run, folder);
                Path file = folder.resolve("data/train-00000-of-00001.parquet");
                assertEquals(new ParquetRows(features).schema(), schema(file), config);
                // compared as JSON text: an int64 read back is a long where the JSONL parser makes an int of it
                List<String> expected = Files.readAllLines(jsonl).stream().map(ParquetExportTest::parse)
                        .map(ParquetRowReader::asStored).map(JsonNode::toString).toList();
                assertFalse(expected.isEmpty(), config);
                assertEquals(expected, read(file, features).stream().map(JsonNode::toString).toList(), config);
                assertEquals(expected.size(), summary.rows(), config);
                JsonNode header = header(folder);
                assertEquals(YAML.valueToTree(features.yaml()), header.at("/dataset_info/features"), config);
                assertEquals(expected.size(), header.at("/dataset_info/splits/0/num_examples").asLong(), config);
                assertEquals("data/train-*.parquet", header.at("/configs/0/data_files/0/path").asText(), config);
                assertTrue(Files.readString(folder.resolve(DatasetCard.FILE)).contains("`run`"), config);
                try (var left = Files.list(folder.resolve("data"))) {
                    assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), config);
                }
            }
        }
    }

    @Test
    void aTasksRowsLandInOneSplitAndTheSameSplitWhateverElseTheInputHolds() throws Exception {
        ExporterFactory kto = new TrainingPlugin().exporterFactories().stream()
                .filter(f -> f.name().equals("kto")).findFirst().orElseThrow();
        DatasetSplit split = new DatasetSplit(0.4, 7);
        Map<String, String> first = splits(kto, rollout("a", 0, 30), "a", split);
        Map<String, String> second = splits(kto, rollout("b", 20, 30), "b", split);
        assertTrue(first.containsValue(DatasetSplit.VALIDATION) && first.containsValue(DatasetSplit.TRAIN), "" + first);
        for (int t = 20; t < 30; t++) {
            assertEquals(first.get("t" + t), second.get("t" + t), "task t" + t);
        }
        Map<String, String> otherSeed = splits(kto, rollout("c", 0, 30), "c", new DatasetSplit(0.4, 8));
        assertFalse(first.equals(otherSeed), "another seed, another split");
    }

    /** Each task's split, checking that no task has rows in both, and the card's row counts. */
    private Map<String, String> splits(ExporterFactory factory, Path run, String name, DatasetSplit split)
            throws Exception {
        Exporter exporter = factory.create("trl", Map.of());
        DatasetFeatures features = DatasetFeatures.of(
                JsonSchemas.load(exporter.getClass(), exporter.rowSchema()).getSchemaNode());
        Path folder = dir.resolve("split-" + name);
        ExportRun.Summary summary = new ExportRun(factory, exporter, ExportFilters.none(),
                new DatasetLayout(true, split)).export(run, folder);
        Map<String, String> tasks = new HashMap<>();
        JsonNode header = header(folder);
        long total = 0;
        for (JsonNode entry : header.at("/dataset_info/splits")) {
            String splitName = entry.get("name").asText();
            List<JsonNode> rows = read(folder.resolve("data/" + splitName + "-00000-of-00001.parquet"), features);
            assertEquals(rows.size(), entry.get("num_examples").asLong(), splitName);
            total += rows.size();
            Set<String> seen = new HashSet<>();
            for (JsonNode row : rows) {
                String task = row.at("/metadata/task_id").asText();
                seen.add(task);
                String before = tasks.put(task, splitName);
                assertTrue(before == null || before.equals(splitName), task + " in " + before + " and " + splitName);
            }
        }
        assertEquals(summary.rows(), total);
        return tasks;
    }

    private static JsonNode header(Path folder) throws Exception {
        String card = Files.readString(folder.resolve(DatasetCard.FILE));
        return YAML.readTree(card.substring(4, card.indexOf("\n---\n", 4)));
    }

    private static JsonNode parse(String line) {
        try {
            return RecordJson.mapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }


    private static MessageType schema(Path file) throws Exception {
        return ParquetRowReader.schema(file);
    }

    private static List<JsonNode> read(Path file, DatasetFeatures features) throws Exception {
        return new ParquetRowReader(features, true).read(file);
    }
}
