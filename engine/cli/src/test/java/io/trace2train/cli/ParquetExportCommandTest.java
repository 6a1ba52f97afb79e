package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.trace2train.api.export.Exporter;
import io.trace2train.engine.Engine;
import io.trace2train.engine.ExportSpec;
import io.trace2train.engine.ImportSpec;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.export.DatasetCard;
import io.trace2train.engine.export.DatasetFeatures;
import io.trace2train.engine.export.ParquetRowReader;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --output-format parquet} through the real command: the Hub layout, rows equal to the JSONL export's
 * split for split, and agent episodes' tool columns as the JSON text their {@code Json} feature declares.
 */
class ParquetExportCommandTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    /** A repair run on IFEval's first 40 prompts, GPT-4's answers replayed. */
    private static Path run;
    private static Engine engine;

    @BeforeAll
    static void repairRun() throws Exception {
        engine = Engine.start(EngineConfig.defaults());
        Path tasks = shared.resolve("tasks.jsonl");
        try (Stream<String> lines = Files.lines(ExampleData.ifeval("input_data.jsonl"))) {
            Files.write(tasks, lines.limit(40).toList());
        }
        run = shared.resolve("run");
        CommandLineRun result = CommandLineRun.of("run", "--tasks", tasks, "--mode", "full_pcl", "--backend",
                "replay", "--responses", ExampleData.ifeval("responses_gpt4.jsonl"), "--out", run);
        assertEquals(Main.OK, result.exitCode(), result::toString);
    }

    private static void export(Object... args) {
        List<Object> all = new ArrayList<>(List.of("export", "--run", run));
        all.addAll(List.of(args));
        CommandLineRun result = CommandLineRun.of(all.toArray());
        assertEquals(Main.OK, result.exitCode(), result::toString);
    }

    @Test
    void aParquetDatasetFolderHoldsItsCardAndEachSplitsRowsOfTheJsonlExport() throws Exception {
        for (String format : List.of("sft", "kto")) {
            Path folder = dir.resolve(format);
            Path jsonl = dir.resolve(format + ".jsonl");
            Path whole = dir.resolve(format + "-whole.jsonl");
            export("--format", format, "--out", folder, "--output-format", "parquet", "--validation-share", "0.2",
                    "--split-seed", "7");
            export("--format", format, "--out", jsonl, "--validation-share", "0.2", "--split-seed", "7");
            export("--format", format, "--out", whole);

            try (Stream<Path> files = Files.list(folder)) {
                assertEquals(List.of("README.md", "data"), files.map(p -> p.getFileName().toString()).sorted()
                        .toList(), format);
            }
            try (Stream<Path> files = Files.list(folder.resolve("data"))) {
                assertEquals(List.of("train-00000-of-00001.parquet", "validation-00000-of-00001.parquet"),
                        files.map(p -> p.getFileName().toString()).sorted().toList(), format);
            }
            JsonNode header = header(folder);
            DatasetFeatures features = features(format, "trl");
            assertEquals(YAML.valueToTree(features.yaml()), header.at("/dataset_info/features"), format);
            ParquetRowReader reader = new ParquetRowReader(features, true);
            List<JsonNode> train = reader.read(folder.resolve("data/train-00000-of-00001.parquet"));
            List<JsonNode> validation = reader.read(folder.resolve("data/validation-00000-of-00001.parquet"));
            assertEquals(text(rows(jsonl)), text(train), format + " train");
            assertEquals(text(rows(dir.resolve(format + ".validation.jsonl"))), text(validation), format + " validation");
            assertFalse(train.isEmpty() || validation.isEmpty(), format + ": 40 tasks, a fifth of them validation");

            // the split moves whole tasks: no task in both, and together they are the unsplit export
            Map<String, String> splitOf = new HashMap<>();
            train.forEach(r -> splitOf.put(r.at("/metadata/task_id").asText(), "train"));
            for (JsonNode row : validation) {
                assertFalse(splitOf.containsKey(row.at("/metadata/task_id").asText()), format + " " + row);
            }
            List<String> all = text(rows(whole));
            assertEquals(all.size(), train.size() + validation.size(), format);
            assertTrue(all.containsAll(text(train)) && all.containsAll(text(validation)), format);

            Map<String, Long> counts = new HashMap<>();
            header.at("/dataset_info/splits").forEach(s -> counts.put(s.get("name").asText(),
                    s.get("num_examples").asLong()));
            assertEquals(Map.of("train", (long) train.size(), "validation", (long) validation.size()), counts, format);
            assertEquals("data/validation-*.parquet", header.at("/configs/0/data_files/1/path").asText(), format);
        }
    }

    @Test
    void agentEpisodesToolsAndArgumentsAreTheJsonTextTheirFeatureDeclares() throws Exception {
        Path episodes = dir.resolve("episodes.jsonl");
        try (Stream<String> lines = Files.lines(ExampleData.tauBench("airline/trajectories_gpt4o.jsonl"))) {
            Files.write(episodes, lines.limit(12).toList());
        }
        Path airline = dir.resolve("airline");
        engine.imports().start(airline, ImportSpec.builder("tau-bench", episodes).concurrency(1).build());
        for (String flavor : List.of("trl", "openai")) {
            Path jsonl = dir.resolve("sft-" + flavor + ".jsonl");
            Path folder = dir.resolve("sft-" + flavor);
            engine.exports().export(ExportSpec.builder("sft", jsonl).run(airline).flavor(flavor).build());
            engine.exports().export(ExportSpec.builder("sft", folder).run(airline).flavor(flavor).parquet(true)
                    .build());
            DatasetFeatures features = features("sft", flavor);
            Path file = folder.resolve("data/train-00000-of-00001.parquet");
            List<JsonNode> expected = rows(jsonl);
            List<JsonNode> stored = new ParquetRowReader(features, false).read(file);
            assertEquals(text(expected), text(new ParquetRowReader(features, true).read(file)), flavor);

            int tools = 0;
            int arguments = 0;
            for (int i = 0; i < expected.size(); i++) {
                JsonNode row = expected.get(i);
                JsonNode kept = stored.get(i);
                String toolsAt = "/tools";
                if (!row.at(toolsAt).isMissingNode()) {
                    assertEquals(row.at(toolsAt).size(), kept.at(toolsAt).size(), flavor);
                    for (int t = 0; t < row.at(toolsAt).size(); t++) {
                        assertTrue(kept.at(toolsAt).get(t).isTextual(), flavor + ": a tool is JSON text");
                        assertEquals(row.at(toolsAt).get(t), RecordJson.mapper().readTree(kept.at(toolsAt).get(t)
                                .textValue()), flavor);
                        tools++;
                    }
                }
                JsonNode messages = row.get("messages");
                for (int m = 0; m < messages.size(); m++) {
                    JsonNode calls = messages.get(m).path("tool_calls");
                    for (int c = 0; c < calls.size(); c++) {
                        JsonNode expectedArguments = calls.get(c).at("/function/arguments");
                        JsonNode keptArguments = kept.at("/messages/" + m + "/tool_calls/" + c + "/function/arguments");
                        if (flavor.equals("trl")) {
                            assertTrue(keptArguments.isTextual(), "trl's arguments are a Json feature");
                            assertEquals(expectedArguments, RecordJson.mapper().readTree(keptArguments.textValue()));
                        } else {
                            assertEquals(expectedArguments, keptArguments, "openai's arguments are a string");
                        }
                        arguments++;
                    }
                }
            }
            assertTrue(tools > 0 && arguments > 0, flavor + ": " + tools + " tools, " + arguments + " arguments");
        }
    }

    /** The columns the format's row schema declares (the card's features). */
    private static DatasetFeatures features(String format, String flavor) {
        Exporter exporter = engine.exporters().create(format, flavor, Map.of());
        return DatasetFeatures.of(exporter);
    }

    /** Rows as JSON text: an int64 read back is a long node where the JSON parser makes an int of it. */
    private static List<String> text(List<JsonNode> rows) {
        return rows.stream().map(JsonNode::toString).toList();
    }

    private static List<JsonNode> rows(Path jsonl) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            rows.add(ParquetRowReader.asStored(RecordJson.mapper().readTree(line)));
        }
        return rows;
    }


    private static JsonNode header(Path folder) throws Exception {
        String card = Files.readString(folder.resolve(DatasetCard.FILE));
        return YAML.readTree(card.substring(4, card.indexOf("\n---\n", 4)));
    }
}
