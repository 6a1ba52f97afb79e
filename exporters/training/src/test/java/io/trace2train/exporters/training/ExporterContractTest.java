package io.trace2train.exporters.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelInfo;
import io.trace2train.api.export.ExportRow;
import io.trace2train.api.export.Exporter;
import io.trace2train.api.export.ExporterFactory;
import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.record.AttemptRecord;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ConstraintResult;
import io.trace2train.api.record.ForkInfo;
import io.trace2train.api.record.RewardRecord;
import io.trace2train.api.record.RunError;
import io.trace2train.api.record.TokenCost;
import io.trace2train.api.record.Versions;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.ConstraintLevel;
import io.trace2train.engine.record.JsonSchemas;
import io.trace2train.engine.record.RecordJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every format of the plugin, in every flavor, must do with the same ranked forks: rows that meet their own
 * schema, the task's original conversation as the prompt, texts only from real answers, and a trace.
 */
class ExporterContractTest {

    private static final List<ChatMessage> PROMPT = TestRecords.PROMPT;

    /** Fork 0: a draft with commas, patched to pass; fork 1: fails; fork 2: timed out before answering. */
    private static final TaskRecords FORKS = new TaskRecords("t1", List.of(
            TestRecords.fork(0, List.of(TestRecords.attempt(0, "generate", "Cats, purr.", false, 100L),
                    TestRecords.attempt(1, "patch:remove_commas", "Cats purr.", true, null)), null),
            TestRecords.fork(1, List.of(TestRecords.attempt(0, "generate", "Cats, sleep, eat.", false, 101L)), null),
            TestRecords.fork(2, List.of(), new RunError("timeout", "stopped after the 5 s timeout", "generate"))));

    @Test
    void everyFormatInEveryFlavorMakesRowsThatMeetItsSchemaFromRealAnswersOnly() {
        for (ExporterFactory factory : new TrainingPlugin().exporterFactories()) {
            for (String flavor : factory.flavors()) {
                Exporter exporter = factory.create(flavor, Map.of());
                JsonSchema schema = JsonSchemas.load(exporter.getClass(), exporter.rowSchema());
                List<ExportRow> rows = new ArrayList<>();
                exporter.export(FORKS, rows::add);
                String what = factory.name() + "/" + flavor;
                assertFalse(rows.isEmpty(), what);
                for (ExportRow row : rows) {
                    JsonNode node = RecordJson.mapper().valueToTree(row.row());
                    assertEquals(List.of(), schema.validate(node).stream().map(Object::toString).toList(), what);
                    assertEquals(PROMPT, row.prompt(), what + ": the task's own conversation");
                    assertEquals("t1", row.taskId());
                    assertTrue(row.completions().stream().noneMatch(String::isEmpty), what + ": a real answer");
                    assertTrue(row.trace().containsKey("run_id") && row.trace().containsKey("model"), what);
                    assertFalse(node.toString().contains("fix it"), what + ": never a repair prompt");
                }
            }
        }
    }

    @Test
    void eachFormatTakesTheTextsItPromises() {
        List<ExportRow> sft = rows("sft", "trl", Map.of());
        assertEquals(List.of(List.of("Cats purr.")), sft.stream().map(ExportRow::completions).toList(),
                "passing outputs only");

        List<ExportRow> dpo = rows("dpo", "trl", Map.of());
        assertEquals(List.of(List.of("Cats purr.", "Cats, sleep, eat."), List.of("Cats purr.", "Cats, purr.")),
                dpo.stream().map(ExportRow::completions).toList(), "fork pair first, then the repair trace's draft");
        assertEquals("forks", dpo.get(0).trace().get("source"));
        assertEquals("repair", dpo.get(1).trace().get("source"));
        assertEquals(1, rows("dpo", "trl", Map.of("max-pairs", "1")).size());
        assertEquals(1, rows("dpo", "openai", Map.of("sources", "repairs")).size());

        List<ExportRow> kto = rows("kto", "trl", Map.of());
        assertEquals(List.of(false, true, false), kto.stream().map(ExportRow::passed).toList(),
                "every attempt, labelled by its own verdict");
        assertNotEquals(kto.get(0).trace(), kto.get(1).trace());

        List<ExportRow> rewards = rows("rewards", "trl", Map.of());
        assertEquals(2, rewards.size(), "the timed-out fork gave no answer");
        assertEquals(1.0, rewards.getFirst().reward());
    }

    private static List<ExportRow> rows(String format, String flavor, Map<String, String> options) {
        ExporterFactory factory = new TrainingPlugin().exporterFactories().stream()
                .filter(f -> f.name().equals(format)).findFirst().orElseThrow();
        List<ExportRow> rows = new ArrayList<>();
        factory.create(flavor, options).export(FORKS, rows::add);
        return rows;
    }

    @Test
    void reportsSayWhatTheTrainersWouldComplainAbout() {
        ExporterFactory kto = new TrainingPlugin().exporterFactories().stream().filter(f -> f.name().equals("kto"))
                .findFirst().orElseThrow();
        // the demo's KTO file: TRL warns on it, and recommends these weights
        assertEquals(List.of("labels: 63 desirable (true), 116 undesirable (false)", "warning: 63 desirable vs 116"
                + " undesirable rows: TRL's KTOTrainer warns with its default weights; set EITHER desirable_weight in"
                + " [1.84, 2.45] OR undesirable_weight in [0.41, 0.54]"), kto.create("trl", Map.of()).report(179, 63));
        assertEquals(List.of("labels: 60 desirable (true), 50 undesirable (false)"),
                kto.create("trl", Map.of()).report(110, 60), "within TRL's range: no warning");
        assertEquals("warning: every row has the same label; KTO needs both desirable and undesirable examples",
                kto.create("trl", Map.of()).report(12, 12).getLast());

        for (ExporterFactory factory : new TrainingPlugin().exporterFactories()) {
            for (String flavor : factory.flavors()) {
                List<String> report = factory.create(flavor, Map.of()).report(9, 9);
                boolean warns = report.contains("warning: OpenAI's fine-tuning needs at least 10 examples; this file"
                        + " has 9");
                assertEquals(flavor.equals("openai"), warns, factory.name() + "/" + flavor + ": " + report);
                assertFalse(factory.create(flavor, Map.of()).report(10, 10).stream()
                        .anyMatch(l -> l.contains("at least 10")), factory.name() + "/" + flavor);
            }
        }
    }
}
