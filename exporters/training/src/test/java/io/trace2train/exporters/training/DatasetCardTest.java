package io.trace2train.exporters.training;

import static io.trace2train.exporters.training.TestRecords.attempt;
import static io.trace2train.exporters.training.TestRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.trace2train.api.export.Exporter;
import io.trace2train.api.export.ExporterFactory;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ForkInfo;
import io.trace2train.api.record.RunError;
import io.trace2train.engine.export.DatasetCard;
import io.trace2train.engine.export.DatasetFeatures;
import io.trace2train.engine.export.ExportFilters;
import io.trace2train.engine.export.ExportRun;
import io.trace2train.engine.record.JsonSchemas;
import io.trace2train.engine.record.RecordJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every export declares its columns' types in a Hugging Face dataset card, and every row fits them: files of a
 * repair-only run (no fork, no seed: those columns null in every row) and of a rollout declare the same features,
 * so {@code datasets} loads them together.
 */
class DatasetCardTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path dir;

    /** A replayed answer patched to pass, and one that failed for good: every seed and fork null. */
    private Path repairOnlyRun() throws Exception {
        List<ComplianceRecord> records = List.of(
                record("r1", TestRecords.PROMPT, null, 42, List.of(attempt(0, "replay", "Cats, purr.", false, null),
                        attempt(1, "patch:remove_commas", "Cats purr.", true, null)), null),
                record("r2", TestRecords.PROMPT, null, 42, List.of(attempt(0, "replay", "Dogs, bark.", false, null)),
                        null));
        return TestRecords.runFolder(dir.resolve("repair-run"), 1, records);
    }

    private Path rolloutRun() throws Exception {
        return TestRecords.runFolder(dir.resolve("rollout-run"), 3, List.of(
                record("t1", TestRecords.PROMPT, new ForkInfo(0, 3), 100, List.of(
                        attempt(0, "generate", "Cats, purr.", false, 100L),
                        attempt(1, "regenerate", "Cats purr.", true, 7L)), null),
                record("t1", TestRecords.PROMPT, new ForkInfo(1, 3), 101,
                        List.of(attempt(0, "generate", "Cats, sleep, eat.", false, 101L)), null),
                record("t1", TestRecords.PROMPT, new ForkInfo(2, 3), 102, List.of(),
                        new RunError("timeout", "stopped", "generate"))));
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            rows.add(RecordJson.mapper().readTree(line));
        }
        return rows;
    }

    /** The features the card in {@code folder} declares for {@code config}. */
    private static JsonNode declared(Path folder, String config) throws Exception {
        String card = Files.readString(folder.resolve(DatasetCard.FILE));
        assertTrue(card.startsWith("---\n"), card);
        JsonNode header = YAML.readTree(card.substring(4, card.indexOf("\n---\n", 4)));
        for (JsonNode entry : header.get("dataset_info")) {
            if (entry.get("config_name").textValue().equals(config)) {
                return entry.get("features");
            }
        }
        throw new AssertionError("no features of " + config + " in " + card);
    }

    @Test
    void everyRowOfEveryFormatFitsTheFeaturesItsCardDeclaresAndRunsOfBothKindsDeclareTheSame() throws Exception {
        Path repairs = repairOnlyRun();
        Path forks = rolloutRun();
        for (ExporterFactory factory : new TrainingPlugin().exporterFactories()) {
            for (String flavor : factory.flavors()) {
                Exporter exporter = factory.create(flavor, Map.of());
                String config = factory.name() + "-" + flavor;
                DatasetFeatures features = DatasetFeatures.of(
                        JsonSchemas.load(exporter.getClass(), exporter.rowSchema()).getSchemaNode());
                List<JsonNode> cards = new ArrayList<>();
                for (Path run : List.of(repairs, forks)) {
                    Path out = dir.resolve("out-" + run.getFileName()).resolve(config + ".jsonl");
                    ExportRun.Summary summary = new ExportRun(factory, exporter, ExportFilters.none()).export(run, out);
                    assertTrue(summary.rows() > 0, config + " of " + run);
                    assertEquals(out.resolveSibling(DatasetCard.FILE), summary.card());
                    for (JsonNode row : lines(out)) {
                        assertEquals(List.of(), features.problems(row), config + " of " + run + ": " + row);
                    }
                    cards.add(declared(out.getParent(), config));
                }
                assertEquals(cards.get(0), cards.get(1), config + ": the same features from both kinds of run");
                assertEquals(YAML.valueToTree(features.yaml()), cards.get(0), config);
            }
        }
        // the case that broke loading: a column null in every row of the repair-only file, typed all the same
        List<JsonNode> kto = lines(dir.resolve("out-repair-run/kto-trl.jsonl"));
        assertTrue(kto.stream().allMatch(r -> r.at("/metadata/completion/fork").isNull()
                && r.at("/metadata/completion/seed").isNull()));
        JsonNode origin = field(field(declared(dir.resolve("out-repair-run"), "kto-trl"), "metadata").get("struct"),
                "completion").get("struct");
        assertEquals("int64", field(origin, "fork").get("dtype").textValue());
        assertEquals("int64", field(origin, "seed").get("dtype").textValue());
        assertEquals("float64", field(origin, "temperature").get("dtype").textValue());
    }

    private static JsonNode field(JsonNode fields, String name) {
        for (JsonNode field : fields) {
            if (field.get("name").textValue().equals(name)) {
                return field;
            }
        }
        throw new AssertionError("no field " + name + " in " + fields);
    }

    @Test
    void theCardKeepsOneConfigPerFileAndLeavesSomeoneElsesReadmeAlone() throws Exception {
        Path run = rolloutRun();
        Path out = dir.resolve("export");
        ExporterFactory sft = new TrainingPlugin().exporterFactories().get(0);
        ExporterFactory dpo = new TrainingPlugin().exporterFactories().get(1);
        new ExportRun(sft, sft.create("trl", Map.of()), ExportFilters.none()).export(run, out.resolve("sft.jsonl"));
        new ExportRun(dpo, dpo.create("openai", Map.of()), ExportFilters.none()).export(run, out.resolve("dpo.jsonl"));
        new ExportRun(sft, sft.create("trl", Map.of()), ExportFilters.none()).export(run, out.resolve("sft.jsonl"));

        String card = Files.readString(out.resolve(DatasetCard.FILE));
        JsonNode header = YAML.readTree(card.substring(4, card.indexOf("\n---\n", 4)));
        assertEquals(YAML.readTree("[{config_name: sft, data_files: [{split: train, path: sft.jsonl}]},"
                + " {config_name: dpo, data_files: [{split: train, path: dpo.jsonl}]}]"), header.get("configs"));
        assertEquals(2, header.get("dataset_info").size());
        assertEquals(1, card.split("<!-- trace2train:config sft -->", -1).length - 1, card);
        assertTrue(card.contains("`dpo.jsonl`: 2 rows of format `dpo`") && card.contains("dpo.jsonl.meta.jsonl"), card);
        assertNotNull(declared(out, "dpo").get(0));

        Path theirs = dir.resolve("theirs");
        Files.createDirectories(theirs);
        Files.writeString(theirs.resolve(DatasetCard.FILE), "# My notes\n");
        ExportRun.Summary summary = new ExportRun(sft, sft.create("trl", Map.of()), ExportFilters.none())
                .export(run, theirs.resolve("sft.jsonl"));
        assertNull(summary.card());
        assertEquals("# My notes\n", Files.readString(theirs.resolve(DatasetCard.FILE)));
        assertTrue(summary.warnings().getLast().contains("is not a trace2train dataset card: left alone"),
                summary.warnings().toString());
    }

    @Test
    void aSchemaThatLeavesATypeOpenIsRefusedWithItsPath() {
        JsonNode open = RecordJson.mapper().valueToTree(Map.of("type", "object", "additionalProperties", false,
                "properties", Map.of("parts", Map.of("type", "object"))));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DatasetFeatures.of(open));
        assertTrue(e.getMessage().startsWith("$.parts: an object must list its properties"), e.getMessage());
    }
}
